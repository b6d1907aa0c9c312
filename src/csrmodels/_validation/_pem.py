"""
Go's `encoding/pem.Decode`, reproduced byte for byte.

The API server finds PEM blocks with this function, so its quirks decide what
counts as a block: explanatory text is skipped, a candidate block with a bad END
line or bad base64 is passed over, and a BEGIN line with nothing after it ends
the search.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass, field

__all__ = ["PEMBlock", "pem_blocks", "pem_decode"]

_START = b"\n-----BEGIN "
_END = b"\n-----END "
_END_OF_LINE = b"-----"
_BASE64 = re.compile(rb"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")


@dataclass(frozen=True, slots=True)
class PEMBlock:
    """One decoded block: its type label, its headers and its DER bytes."""

    type: str
    headers: dict[str, str] = field(default_factory=dict)
    data: bytes = b""


def _get_line(data: bytes) -> tuple[bytes, bytes]:
    index = data.find(b"\n")
    if index < 0:
        line, rest = data, b""
    else:
        end = index - 1 if index > 0 and data[index - 1] == 0x0D else index
        line, rest = data[:end], data[index + 1 :]
    return line.rstrip(b" \t"), rest


def _base64(text: bytes) -> bytes | None:
    # Go's StdEncoding skips CR and LF anywhere, wants exact padding, and (not
    # being Strict) accepts non-zero trailing bits.
    text = text.replace(b"\r", b"").replace(b"\n", b"")
    if _BASE64.fullmatch(text) is None:
        return None
    return binascii.a2b_base64(text)


def pem_decode(data: bytes) -> tuple[PEMBlock | None, bytes]:
    """
    Find the next PEM block in `data`, as Go's `pem.Decode` does.

    Returns:
        The block and the bytes after its END line, or `(None, data)`.
    """
    rest = data
    while True:
        if rest.startswith(_START[1:]):
            rest = rest[len(_START) - 1 :]
        else:
            index = rest.find(_START)
            if index < 0:
                return None, data
            rest = rest[index + len(_START) :]

        type_line, rest = _get_line(rest)
        if not type_line.endswith(_END_OF_LINE):
            continue
        type_line = type_line[: -len(_END_OF_LINE)]

        headers: dict[str, str] = {}
        while True:
            if not rest:
                return None, data
            line, after = _get_line(rest)
            key, colon, value = line.partition(b":")
            if not colon:
                break
            headers[_text(key.strip())] = _text(value.strip())
            rest = after

        if not headers and rest.startswith(_END[1:]):
            end_index, trailer_index = 0, len(_END) - 1
        else:
            end_index = rest.find(_END)
            trailer_index = end_index + len(_END)
        if end_index < 0:
            continue

        trailer = rest[trailer_index:]
        trailer_len = len(type_line) + len(_END_OF_LINE)
        if len(trailer) < trailer_len:
            continue
        rest_of_end_line, trailer = trailer[trailer_len:], trailer[:trailer_len]
        if not trailer.startswith(type_line) or not trailer.endswith(_END_OF_LINE):
            continue
        if _get_line(rest_of_end_line)[0]:
            continue

        body = rest[:end_index].replace(b" ", b"").replace(b"\t", b"")
        decoded = _base64(body)
        if decoded is None:
            continue

        _, rest = _get_line(rest[end_index + len(_END) - 1 :])
        return PEMBlock(_text(type_line), headers, decoded), rest


def pem_blocks(data: bytes) -> list[PEMBlock]:
    """Every block `pem_decode` finds in `data`, in order."""
    blocks = []
    block, rest = pem_decode(data)
    while block is not None:
        blocks.append(block)
        block, rest = pem_decode(rest)
    return blocks


def _text(raw: bytes) -> str:
    # Go strings hold raw bytes; surrogateescape keeps invalid UTF-8 distinct.
    return raw.decode("utf-8", "surrogateescape")
