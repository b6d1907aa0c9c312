"""The base every model shares: the codec entry points and a compact `repr`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Self

from csrmodels._frozen import EMPTY, FrozenDict, freeze
from csrmodels._wire import to_utc

__all__ = ["WireModel"]


class WireModel:
    """
    Behaviour shared by every model: decoding, encoding and `repr`.

    Subclasses are frozen, slotted, keyword-only dataclasses. Each keeps the keys
    it does not know in `unknown_fields`, so that `to_dict` writes them back.
    """

    __slots__ = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, strict: bool = False) -> Self:
        """
        Decode the Kubernetes wire form (camelCase keys) into a model.

        Args:
            data: a JSON object as `json.loads` or a YAML loader returns it.
                It is never modified.
            strict: refuse keys this library does not know instead of keeping
                them in `unknown_fields`.

        Raises:
            DecodeError: listing every problem found, each with its JSON path.
        """
        from csrmodels._decode import decode

        return decode(cls, data, strict=strict)

    @classmethod
    def from_json(cls, text: str | bytes, *, strict: bool = False) -> Self:
        """
        Decode JSON text in the Kubernetes wire form.

        Raises:
            DecodeError: for text that is not JSON, and for every problem that
                `from_dict` reports.
        """
        from csrmodels._decode import decode_json

        return decode_json(cls, text, strict=strict)

    def to_dict(self) -> dict[str, Any]:
        """
        Encode to the wire form as the API server writes it.

        The result holds only `dict`, `list`, `str`, `int`, `float`, `bool` and
        `None`; keys are camelCase and unset fields are left out as Go's
        `omitempty` leaves them out.
        """
        from csrmodels._encode import encode

        return encode(self)

    def to_json(self, *, indent: int | None = None) -> str:
        """Encode to JSON text; compact unless `indent` is given."""
        from csrmodels._encode import encode_json

        return encode_json(self, indent=indent)

    def __repr__(self) -> str:
        parts = []
        for field in dataclasses.fields(self):  # type: ignore[arg-type]
            if not field.init:
                continue
            value = getattr(self, field.name)
            if value == field.default or (value == () and field.default is None):
                continue
            parts.append(f"{field.name}={_short(value)}")
        return f"{type(self).__name__}({', '.join(parts)})"


def _short(value: object) -> str:
    if isinstance(value, bytes):
        first_line = value.split(b"\n", 1)[0].strip()
        if first_line.startswith(b"-----BEGIN ") and first_line.endswith(b"-----"):
            label = first_line[11:-5].decode("ascii", "replace")
            return f"<PEM {label}, {len(value)} bytes>"
        return f"<{len(value)} bytes>"
    if isinstance(value, datetime):
        return repr(value.isoformat())
    if isinstance(value, FrozenDict):
        return repr(dict(value))
    return repr(value)


def set_attr(obj: object, name: str, value: object) -> None:
    """Set a field of a frozen dataclass while it is being built."""
    object.__setattr__(obj, name, value)


def normalize(
    obj: object,
    maps: tuple[str, ...],
    tuples: tuple[str, ...],
    times: tuple[str, ...],
) -> None:
    """
    Make a model deeply immutable as it is built.

    Mappings become `FrozenDict` (nested JSON values frozen too), sequences
    tuples, and datetimes aware UTC; a naive datetime is refused. Values that
    already have the right form, as the decoders make them, cost one check.
    """
    for name in maps:
        value = getattr(obj, name)
        if type(value) is not FrozenDict and value is not None:
            if not isinstance(value, Mapping):
                msg = f"{name} must be a mapping, not {type(value).__name__}"
                raise TypeError(msg)
            set_attr(obj, name, freeze(value) if value else EMPTY)
    for name in tuples:
        value = getattr(obj, name)
        if type(value) is not tuple:
            if isinstance(value, str | bytes) or not isinstance(value, Iterable):
                msg = f"{name} must be a sequence of items, not {type(value).__name__}"
                raise TypeError(msg)
            set_attr(obj, name, tuple(value))
    for name in times:
        value = getattr(obj, name)
        if value is not None and getattr(value, "tzinfo", None) is not UTC:
            set_attr(obj, name, to_utc(value, name))


def require_bytes(obj: object, name: str) -> None:
    """Refuse anything but `bytes` in field `name` (a PEM given as str, say)."""
    value = getattr(obj, name)
    if type(value) is not bytes:
        if isinstance(value, bytearray | memoryview):
            set_attr(obj, name, bytes(value))
            return
        msg = (
            f"{name} must be the PEM text as bytes, not {type(value).__name__}; "
            "the codec does the base64 of the wire form"
        )
        raise TypeError(msg)
