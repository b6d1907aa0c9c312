"""
The encoder: models to the wire form, with Go's key order and omission rules.

Keys come out in Go's struct order, maps sorted by key as encoding/json sorts
them, and unknown fields after the known ones at the level they were read.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Callable
from typing import Any

from csrmodels._csr import CertificateSigningRequest, CertificateSigningRequestList
from csrmodels._frozen import thaw
from csrmodels._model import WireModel
from csrmodels._schema import SCHEMAS, TYPE_META, Emit, Kind
from csrmodels._wire import encode_base64, format_time

__all__ = ["encode", "encode_json"]


class _Omit(enum.Enum):
    NEVER = 0  # always written; an unset time as null
    WHEN_NONE = 1  # Go pointers: nil is left out, a zero value is written
    WHEN_EMPTY = 2  # Go values with omitempty: "", 0, empty are left out


def _plan(cls: type[WireModel]) -> tuple[tuple[str, str, Kind, _Omit, Any], ...]:
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    defaults = {field.name: field.default for field in fields}
    steps = []
    for field in SCHEMAS[cls]:
        if field.emit is not Emit.OMITEMPTY:
            omit = _Omit.NEVER
        elif defaults[field.attr] is None:
            omit = _Omit.WHEN_NONE
        else:
            omit = _Omit.WHEN_EMPTY
        steps.append((field.attr, field.wire, field.kind, omit, field.model))
    return tuple(steps)


_PLANS = {cls: _plan(cls) for cls in SCHEMAS}


def encode(obj: WireModel, *, type_meta: bool = True) -> dict[str, Any]:
    """Return the wire form of `obj` as plain builtins."""
    cls = type(obj)
    out: dict[str, Any] = {}
    if type_meta and cls in TYPE_META:
        out["kind"] = obj.kind  # type: ignore[attr-defined]
        out["apiVersion"] = obj.api_version  # type: ignore[attr-defined]

    for attr, wire, kind, omit, model in _PLANS[cls]:
        value = getattr(obj, attr)
        if value is None:
            if omit is _Omit.NEVER:
                out[wire] = None
            continue
        if omit is _Omit.WHEN_EMPTY and not value:
            continue
        out[wire] = _ENCODERS[kind](value, model, obj)

    unknown = obj.unknown_fields  # type: ignore[attr-defined]
    if unknown:
        out.update(thaw(unknown))
    return out


def encode_json(obj: WireModel, *, indent: int | None = None) -> str:
    """Return `obj` as JSON text, escaping `<`, `>` and `&` as Go does."""
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(
        encode(obj), ensure_ascii=False, indent=indent, separators=separators
    )
    if "<" in text or ">" in text or "&" in text:
        text = text.replace("<", "\\u003c").replace(">", "\\u003e")
        text = text.replace("&", "\\u0026")
    return text


def _items(value: Any, model: Any, parent: object) -> list[Any]:
    # Items of a typed list carry no apiVersion/kind, as the API server writes
    # them; a generic kubectl "List" names them on every item.
    nested_type_meta = not (
        type(parent) is CertificateSigningRequestList and parent.kind != "List"
    )
    if model is CertificateSigningRequest:
        return [encode(item, type_meta=nested_type_meta) for item in value]
    return [encode(item) for item in value]


_ENCODERS: dict[Kind, Callable[[Any, Any, object], Any]] = {
    Kind.STRING: lambda value, model, parent: value,
    Kind.INT32: lambda value, model, parent: value,
    Kind.INT64: lambda value, model, parent: value,
    Kind.BOOL: lambda value, model, parent: value,
    Kind.BYTES: lambda value, model, parent: encode_base64(value),
    Kind.TIME: lambda value, model, parent: format_time(value),
    Kind.STRINGS: lambda value, model, parent: list(value),
    Kind.STRING_MAP: lambda value, model, parent: dict(sorted(value.items())),
    Kind.EXTRA: lambda value, model, parent: {
        key: list(value[key]) for key in sorted(value)
    },
    Kind.JSON: lambda value, model, parent: thaw(value),
    Kind.OBJECT: lambda value, model, parent: encode(value),
    Kind.OBJECTS: _items,
}
