"""
Scalar wire forms, as Kubernetes' Go code writes and reads them.

`[]byte` fields travel as standard base64 (Go's encoding/json), and `metav1.Time`
as an RFC 3339 string to the second in UTC.
"""

from __future__ import annotations

import binascii
import re
from datetime import UTC, datetime, timedelta, timezone

__all__ = [
    "decode_base64",
    "encode_base64",
    "format_time",
    "parse_time",
    "to_utc",
]

# Go's time.Parse(time.RFC3339, s): an upper-case T and Z, a fraction after "."
# (or "," in Go's general parser), and a numeric offset with a colon.
_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})"
    r"(?:[.,](\d+))?"
    r"(?:(Z)|([+-])(\d{2}):(\d{2}))",
    re.ASCII,
)


_PLAIN_UTC = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", re.ASCII)


def decode_base64(text: str | bytes) -> bytes:
    """
    Decode `text` as Go's `base64.StdEncoding` does (encoding/json's `[]byte`).

    Standard alphabet with padding; CR and LF are ignored anywhere; non-zero
    trailing bits are accepted, as Go's non-strict decoder accepts them.
    Raises `ValueError`.
    """
    try:
        data = text.encode("ascii") if isinstance(text, str) else text
        if b"\n" in data or b"\r" in data:
            data = data.replace(b"\n", b"").replace(b"\r", b"")
        decoded = binascii.a2b_base64(data, strict_mode=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        msg = f"not standard padded base64 ({exc})"
        raise ValueError(msg) from None

    # binascii's strict mode still takes stray "=" after a whole group
    # ("AQID=", "AQ======"), which Go refuses: only the last group of four
    # may be padded, with one or two "=". Cheaper than a pattern over the text.
    if len(data) % 4 or len(data) - len(data.rstrip(b"=")) > 2:
        msg = "not standard padded base64 (padding after a complete group)"
        raise ValueError(msg)
    return decoded


def encode_base64(data: bytes) -> str:
    """Encode `data` as Go's encoding/json encodes a `[]byte` field."""
    return binascii.b2a_base64(data, newline=False).decode("ascii")


def parse_time(text: str) -> datetime:
    """
    Parse a `metav1.Time` string into an aware UTC `datetime`.

    Accepts what Go's `time.Parse(time.RFC3339, ...)` accepts: offsets and
    fractions of a second (kept to the microsecond, the rest truncated).
    Raises `ValueError`.
    """
    if _PLAIN_UTC.fullmatch(text):
        # The form the API server writes: datetime's C parser reads it alike.
        try:
            return datetime.fromisoformat(text)
        except ValueError as exc:
            msg = f"not a valid date and time ({exc})"
            raise ValueError(msg) from None

    match = _RFC3339.fullmatch(text)
    if match is None:
        msg = "not an RFC 3339 time such as 2024-01-31T12:00:00Z"
        raise ValueError(msg)
    year, month, day, hour, minute, second, fraction, zulu, sign, oh, om = (
        match.groups()
    )
    micro = int(fraction[:6].ljust(6, "0")) if fraction else 0
    if zulu:
        tz = UTC
    else:
        offset_hours, offset_minutes = int(oh), int(om)
        if offset_hours > 23 or offset_minutes > 59:
            msg = f"time zone offset out of range: {sign}{oh}:{om}"
            raise ValueError(msg)
        offset = timedelta(hours=offset_hours, minutes=offset_minutes)
        tz = timezone(-offset if sign == "-" else offset)
    try:
        parsed = datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            micro,
            tzinfo=tz,
        )
    except ValueError as exc:
        msg = f"not a valid date and time ({exc})"
        raise ValueError(msg) from None
    return parsed if zulu else parsed.astimezone(UTC)


def format_time(value: datetime) -> str:
    """Format an aware `datetime` as `metav1.Time` does: UTC, seconds, `Z`."""
    if value.tzinfo is not UTC:
        value = to_utc(value)
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}T"
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}Z"
    )


def to_utc(value: datetime, name: str = "the datetime") -> datetime:
    """
    Return `value` in UTC.

    Raises:
        TypeError: `value` is not a `datetime`.
        ValueError: `value` is naive; `name` says which value in the message.
    """
    if not isinstance(value, datetime):
        msg = f"{name} must be a datetime, not {type(value).__name__}"
        raise TypeError(msg)
    if value.tzinfo is UTC:
        return value
    if value.utcoffset() is None:
        msg = (
            f"{name} must be timezone-aware, not the naive datetime "
            f"{value.isoformat()}; pass one such as datetime.now(timezone.utc)"
        )
        raise ValueError(msg)
    return value.astimezone(UTC)
