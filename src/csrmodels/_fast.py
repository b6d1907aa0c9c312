"""
The compiled fast path of the decoder, built on msgspec.

Private camelCase wire structs, made from the schema table, take the input in C
and are then turned into the models with `from_attributes`, also in C. They
accept a strict subset of what the pure-Python decoder accepts:

- no unknown fields (`forbid_unknown_fields`);
- no `null` where the model holds a value rather than `None`;
- timestamps only as `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`, since msgspec's own
  parser is more lenient than Go's (lower-case `t`, a space, rounding of
  nanoseconds);
- base64 without line breaks.

Anything else fails here and the caller hands it to the pure-Python decoder,
which gives the same result for valid input and the full list of problems for
invalid input. The tests check that both paths agree.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Literal, TypeVar

import msgspec

from csrmodels._csr import CertificateSigningRequest, CertificateSigningRequestList
from csrmodels._model import WireModel
from csrmodels._schema import SCHEMAS, TYPE_META, Kind

__all__ = ["try_decode", "try_decode_json"]

M = TypeVar("M", bound=WireModel)

_TIME = Annotated[
    str, msgspec.Meta(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$")
]
_SCALARS: dict[Kind, Any] = {
    Kind.STRING: str,
    Kind.INT32: Annotated[int, msgspec.Meta(ge=-(2**31), le=2**31 - 1)],
    Kind.INT64: Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)],
    Kind.BOOL: bool,
    Kind.BYTES: bytes,
    Kind.TIME: _TIME,
    Kind.STRINGS: tuple[str, ...],
    Kind.STRING_MAP: dict[str, str],
    Kind.EXTRA: dict[str, tuple[str, ...]],
    Kind.JSON: dict[str, Any],
}


def _wire_struct(cls: type[WireModel], built: dict[type, Any]) -> Any:
    """Make (once) the msgspec struct that mirrors `cls` on the wire."""
    if cls in built:
        return built[cls]

    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    defaults = {field.name: field.default for field in fields}
    required: list[tuple[str, Any]] = []
    optional: list[tuple[str, Any, Any]] = []
    for field in SCHEMAS[cls]:
        if field.kind is Kind.OBJECT:
            kind: Any = _wire_struct(field.model, built)  # type: ignore[arg-type]
        elif field.kind is Kind.OBJECTS:
            element = _wire_struct(field.model, built)  # type: ignore[arg-type]
            kind = tuple.__class_getitem__((element, ...))
        else:
            kind = _SCALARS[field.kind]
        default = defaults[field.attr]
        if field.required:
            required.append((field.attr, kind))
        elif default is None:
            optional.append((field.attr, kind | None, None))
        elif isinstance(default, WireModel):
            optional.append((field.attr, kind, msgspec.field(default_factory=kind)))
        elif isinstance(default, dict):
            optional.append((field.attr, kind, msgspec.field(default_factory=dict)))
        else:
            optional.append((field.attr, kind, default))

    rename = {field.attr: field.wire for field in SCHEMAS[cls]}
    if cls in TYPE_META:
        versions = tuple({version for version, _ in TYPE_META[cls]})
        kinds = tuple({kind for _, kind in TYPE_META[cls]})
        optional.append(("api_version", Literal[versions], defaults["api_version"]))
        optional.append(("kind", Literal[kinds], defaults["kind"]))
        rename["api_version"] = "apiVersion"

    struct = msgspec.defstruct(
        f"_Wire{cls.__name__}",
        [*required, *optional],
        rename=rename,
        forbid_unknown_fields=True,
        kw_only=True,
    )
    built[cls] = struct
    return struct


_STRUCTS: dict[type, Any] = {}
for _cls in (CertificateSigningRequest, CertificateSigningRequestList, *SCHEMAS):
    _wire_struct(_cls, _STRUCTS)

# What a failed attempt can raise: msgspec's own errors, and the TypeError,
# ValueError or RecursionError of a model's __post_init__ (a non-JSON value in
# fieldsV1, say, or one nested too deeply to freeze).
_REFUSALS = (
    msgspec.ValidationError,
    msgspec.DecodeError,
    TypeError,
    ValueError,
    RecursionError,
)


def try_decode(cls: type[M], data: Any) -> M | None:
    """Decode a wire dict into `cls`, or return None to leave it to `_decode`."""
    if type(data) is not dict:
        return None
    try:
        wire = msgspec.convert(data, _STRUCTS[cls])
        model: M = msgspec.convert(wire, cls, from_attributes=True)
    except _REFUSALS:
        return None
    return model if _type_meta_agrees(model) else None


def try_decode_json(cls: type[M], text: str | bytes) -> M | None:
    """Decode JSON text into `cls`, or return None to leave it to `_decode`."""
    try:
        wire = msgspec.json.decode(text, type=_STRUCTS[cls])
        model: M = msgspec.convert(wire, cls, from_attributes=True)
    except _REFUSALS:
        return None
    return model if _type_meta_agrees(model) else None


def _type_meta_agrees(model: WireModel) -> bool:
    # The wire struct checks apiVersion and kind one by one; a list must also
    # name a pair that goes together ("v1" goes only with "List").
    if type(model) is not CertificateSigningRequestList:
        return True
    return (model.api_version, model.kind) in TYPE_META[CertificateSigningRequestList]
