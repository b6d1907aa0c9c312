"""
The encoder: models to the wire form, with Go's key order and omission rules.

Keys come out in Go's struct order, maps sorted by key as encoding/json sorts
them, and unknown fields after the known ones at the level they were read.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import re
from collections.abc import Callable
from typing import Any

from csrmodels._csr import CertificateSigningRequestList
from csrmodels._frozen import thaw
from csrmodels._model import WireModel
from csrmodels._schema import SCHEMAS, TYPE_META, Emit, Kind
from csrmodels._wire import encode_base64, format_time

__all__ = ["dumps_like_go", "encode", "encode_json"]


class _Omit(enum.Enum):
    NEVER = 0  # always written; an unset time as null
    WHEN_NONE = 1  # Go pointers: nil is left out, a zero value is written
    WHEN_EMPTY = 2  # Go values with omitempty: "", 0, empty are left out


_Step = tuple[str, str, Callable[[Any], Any] | None, _Omit]


def _plan(cls: type[WireModel]) -> tuple[_Step, ...]:
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
        steps.append((field.attr, field.wire, _CONVERTERS[field.kind], omit))
    return tuple(steps)


def _encode_items(items: tuple[WireModel, ...]) -> list[dict[str, Any]]:
    return [encode(item) for item in items]


# How each kind of value is written; None for values written as they are.
_CONVERTERS: dict[Kind, Callable[[Any], Any] | None] = {
    Kind.STRING: None,
    Kind.INT32: None,
    Kind.INT64: None,
    Kind.BOOL: None,
    Kind.BYTES: encode_base64,
    Kind.TIME: format_time,
    Kind.STRINGS: list,
    Kind.STRING_MAP: lambda value: dict(sorted(value.items())),
    Kind.EXTRA: lambda value: {key: list(value[key]) for key in sorted(value)},
    Kind.JSON: thaw,
    Kind.OBJECT: lambda value: encode(value),
    Kind.OBJECTS: _encode_items,
}
_PLANS = {cls: _plan(cls) for cls in SCHEMAS}
# A list's items are written by `encode` itself: whether they carry apiVersion
# and kind depends on the list's own kind.
_PLANS[CertificateSigningRequestList] = tuple(
    step for step in _PLANS[CertificateSigningRequestList] if step[0] != "items"
)
_WHEN_EMPTY, _NEVER = _Omit.WHEN_EMPTY, _Omit.NEVER


def encode(obj: WireModel, *, type_meta: bool = True) -> dict[str, Any]:
    """Return the wire form of `obj` as plain builtins."""
    cls = type(obj)
    out: dict[str, Any] = {}
    if type_meta and cls in TYPE_META:
        out["kind"] = obj.kind  # type: ignore[attr-defined]
        out["apiVersion"] = obj.api_version  # type: ignore[attr-defined]

    for attr, wire, convert, omit in _PLANS[cls]:
        value = getattr(obj, attr)
        if value is None:
            if omit is _NEVER:
                out[wire] = None
        elif omit is not _WHEN_EMPTY or value:
            out[wire] = value if convert is None else convert(value)

    if cls is CertificateSigningRequestList:
        # Items of a typed list carry no apiVersion/kind, as the API server
        # writes them; a generic kubectl "List" names them on every item.
        generic = obj.kind == "List"  # type: ignore[attr-defined]
        items = obj.items  # type: ignore[attr-defined]
        out["items"] = [encode(item, type_meta=generic) for item in items]

    unknown = obj.unknown_fields  # type: ignore[attr-defined]
    if unknown:
        out.update(thaw(unknown))
    return out


def encode_json(obj: WireModel, *, indent: int | None = None) -> str:
    """
    Return `obj` as JSON text as Go's encoding/json writes it.

    Non-ASCII text is written as it is, but `<`, `>`, `&`, U+2028 and U+2029
    are escaped as Go escapes them. Floats inside unknown fields keep Python's
    spelling, which can differ from Go's for very large or small exponents.
    """
    return dumps_like_go(encode(obj), indent=indent)


def dumps_like_go(data: Any, *, indent: int | None = None) -> str:
    """`json.dumps` with Go's escaping: compact, or indented by `indent`."""
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    # Five substring scans in C are faster than one regex search over the text.
    if any(char in text for char in "<>&\u2028\u2029"):
        text = _GO_ESCAPED.sub(_go_escape, text)
    return text


# Characters JSON allows raw but Go escapes; inside JSON text they can only
# occur in strings, so replacing them everywhere is safe.
_GO_ESCAPED = re.compile("[<>&\u2028\u2029]")


def _go_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
