"""
Field errors as apimachinery's `field.Error` prints them.

`str(error)` follows `field.Error.Error()`: the path, the reason, the bad value
in Go's `%q`/`%v`/`%#v` form (left out for Required, Forbidden and TooLong),
then the detail.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "ErrorType",
    "FieldError",
    "duplicate",
    "forbidden",
    "go_quote",
    "go_value",
    "invalid",
    "not_supported",
    "required",
    "too_long",
]

# Bytes shown before the rest is cut: a request may be a pasted private key.
_MAX_BYTES = 8


class ErrorType(enum.Enum):
    """Why a field is invalid; the values are the API server's `reason`s."""

    REQUIRED = "FieldValueRequired"
    INVALID = "FieldValueInvalid"
    NOT_SUPPORTED = "FieldValueNotSupported"
    DUPLICATE = "FieldValueDuplicate"
    FORBIDDEN = "FieldValueForbidden"
    TOO_LONG = "FieldValueTooLong"

    @property
    def phrase(self) -> str:
        """The words apimachinery prints for this type (`Required value`)."""
        return _PHRASES[self]


_PHRASES = {
    ErrorType.REQUIRED: "Required value",
    ErrorType.INVALID: "Invalid value",
    ErrorType.NOT_SUPPORTED: "Unsupported value",
    ErrorType.DUPLICATE: "Duplicate value",
    ErrorType.FORBIDDEN: "Forbidden",
    ErrorType.TOO_LONG: "Too long",
}
_VALUE_OMITTED = frozenset(
    {ErrorType.REQUIRED, ErrorType.FORBIDDEN, ErrorType.TOO_LONG}
)


@dataclass(frozen=True, slots=True)
class FieldError:
    """
    One problem the API server would report, as a `field.Error`.

    Attributes:
        type: the kind of problem; its value is the API server's `reason`.
        field: the path as the API server prints it (`spec.usages[1]`).
        bad_value: the offending value as the API server holds it (`""` for
            Required and Forbidden, as apimachinery sets it).
        detail: the explanation, possibly empty.
    """

    type: ErrorType
    field: str
    bad_value: Any
    detail: str

    def __str__(self) -> str:
        body = self.type.phrase
        if self.type not in _VALUE_OMITTED:
            body = f"{body}: {go_value(self.bad_value)}"
        if self.detail:
            body = f"{body}: {self.detail}"
        return f"{self.field}: {body}"

    def __repr__(self) -> str:
        return f"<FieldError {self}>"


def required(path: str, detail: str = "") -> FieldError:
    """A `field.Required` error."""
    return FieldError(ErrorType.REQUIRED, path, "", detail)


def forbidden(path: str, detail: str) -> FieldError:
    """A `field.Forbidden` error."""
    return FieldError(ErrorType.FORBIDDEN, path, "", detail)


def invalid(path: str, value: Any, detail: str) -> FieldError:
    """A `field.Invalid` error."""
    return FieldError(ErrorType.INVALID, path, value, detail)


def duplicate(path: str, value: Any) -> FieldError:
    """A `field.Duplicate` error."""
    return FieldError(ErrorType.DUPLICATE, path, value, "")


def not_supported(path: str, value: Any, supported: list[str]) -> FieldError:
    """A `field.NotSupported` error listing the supported values."""
    detail = ""
    if supported:
        detail = "supported values: " + ", ".join(go_quote(v) for v in supported)
    return FieldError(ErrorType.NOT_SUPPORTED, path, value, detail)


def too_long(path: str, value: Any, max_length: int) -> FieldError:
    """
    A `field.TooLong` error, worded as apimachinery has since 1.33.

    Kubernetes PR 128553 changed the detail from "must have at most N bytes".
    """
    unit = "byte" if max_length == 1 else "bytes"
    detail = f"may not be more than {max_length} {unit}"
    return FieldError(ErrorType.TOO_LONG, path, value, detail)


_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}


def go_quote(text: str) -> str:
    """Quote `text` as Go's `strconv.Quote` does."""
    parts = ['"']
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            parts.append(_ESCAPES[char])
        elif 0xDC80 <= code <= 0xDCFF:
            # A byte of invalid UTF-8, kept by surrogateescape.
            parts.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            # A lone surrogate from JSON; Go's decoder holds U+FFFD instead.
            parts.append("\ufffd")
        elif char == " " or (char.isprintable() and not char.isspace()):
            parts.append(char)
        elif code < 0x80:
            parts.append(f"\\x{code:02x}")
        elif code < 0x10000:
            parts.append(f"\\u{code:04x}")
        else:
            parts.append(f"\\U{code:08x}")
    parts.append('"')
    return "".join(parts)


def go_value(value: Any) -> str:
    """Print a bad value as `field.Error` prints it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, bytes | bytearray):
        return _go_bytes(bytes(value))
    if isinstance(value, datetime):
        return _go_time(value)
    if isinstance(value, tuple | list):
        if all(isinstance(item, str) for item in value):
            return "[]string{" + ", ".join(go_quote(item) for item in value) + "}"
        # Owner references are the only other list a rule reports.
        return "[]v1.OwnerReference{" + ", ".join(map(go_value, value)) + "}"
    return _go_struct(value)


def _go_bytes(data: bytes) -> str:
    shown = ", ".join(f"0x{byte:x}" for byte in data[:_MAX_BYTES])
    if len(data) > _MAX_BYTES:
        shown += f", ... ({len(data)} bytes)"
    return "[]byte{" + shown + "}"


def _go_time(value: datetime) -> str:
    # time.Time.String() of a UTC time, as a metav1.Time prints.
    value = value.astimezone(UTC)
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d} "
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d} +0000 UTC"
    )


def _go_struct(value: Any) -> str:
    # Owner references print as Go's %#v of v1.OwnerReference.
    from csrmodels._meta import OwnerReference

    if isinstance(value, OwnerReference):
        return (
            f"v1.OwnerReference{{APIVersion:{go_quote(value.api_version)}, "
            f"Kind:{go_quote(value.kind)}, Name:{go_quote(value.name)}, "
            f"UID:{go_quote(value.uid)}, Controller:{go_value(value.controller)}, "
            f"BlockOwnerDeletion:{go_value(value.block_owner_deletion)}}}"
        )
    return repr(value)
