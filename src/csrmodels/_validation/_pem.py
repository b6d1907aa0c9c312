"""
Go's `encoding/pem.Decode`, reproduced byte for byte.

The API server finds PEM blocks with this function, so its quirks decide what
counts as a block: explanatory text is skipped, a candidate block with a bad END
line or bad base64 is passed over, and a BEGIN line with nothing after it ends
the search.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from csrmodels._frozen import FrozenDict
from csrmodels._wire import decode_base64

__all__ = ["PEMBlock", "pem_blocks", "pem_decode"]

_START = b"\n-----BEGIN "
_END = b"\n-----END "
_END_OF_LINE = b"-----"
# A byte that no PEM body may hold, found without copying the body; a body that
# runs over later BEGIN lines fails here at once.
_NOT_IN_BODY = re.compile(rb"[^A-Za-z0-9+/= \t\r\n]")


@dataclass(frozen=True, slots=True)
class PEMBlock:
    """One decoded block: its type label, its headers and its DER bytes."""

    type: str
    headers: Mapping[str, str] = field(default_factory=FrozenDict)
    data: bytes = b""

    def __post_init__(self) -> None:
        # Read-only, so that a block is hashable like the models.
        if not isinstance(self.headers, FrozenDict):
            object.__setattr__(self, "headers", FrozenDict(self.headers))


def _line_at(data: bytes, start: int) -> tuple[bytes, int]:
    # Go's getLine on data[start:]: the line without its LF or CR LF and without
    # trailing blanks, and where the next line starts.
    index = data.find(b"\n", start)
    if index < 0:
        return data[start:].rstrip(b" \t"), len(data)
    end = index - 1 if index > start and data[index - 1] == 0x0D else index
    return data[start:end].rstrip(b" \t"), index + 1


def pem_decode(data: bytes) -> tuple[PEMBlock | None, bytes]:
    """
    Find the next PEM block in `data`, as Go's `pem.Decode` does.

    Returns:
        The block and the bytes after its END line, or `(None, data)`.
    """
    # Positions in `data` stand for Go's `rest` slice: copying the tail for every
    # candidate BEGIN line would make a long run of them quadratic.
    pos = 0
    next_end = -1  # the first END marker at or after some earlier position
    while True:
        if data.startswith(_START[1:], pos):
            pos += len(_START) - 1
        else:
            index = data.find(_START, pos)
            if index < 0:
                return None, data
            pos = index + len(_START)

        type_line, pos = _line_at(data, pos)
        if not type_line.endswith(_END_OF_LINE):
            continue
        type_line = type_line[: -len(_END_OF_LINE)]

        headers: dict[str, str] = {}
        while True:
            if pos >= len(data):
                return None, data
            line, after = _line_at(data, pos)
            key, colon, value = line.partition(b":")
            if not colon:
                break
            headers[_text(key.strip())] = _text(value.strip())
            pos = after

        if not headers and data.startswith(_END[1:], pos):
            end_index, trailer_index = pos, pos + len(_END) - 1
        else:
            if next_end < pos:
                next_end = data.find(_END, pos)
            if next_end < 0:
                # Go would go on trying the later BEGIN lines, and each would
                # fail the same way: there is no END line after this point.
                return None, data
            end_index, trailer_index = next_end, next_end + len(_END)

        trailer_len = len(type_line) + len(_END_OF_LINE)
        trailer = data[trailer_index : trailer_index + trailer_len]
        if len(trailer) < trailer_len:
            continue
        if not trailer.startswith(type_line) or not trailer.endswith(_END_OF_LINE):
            continue
        if _line_at(data, trailer_index + trailer_len)[0]:
            continue

        if _NOT_IN_BODY.search(data, pos, end_index):
            continue
        body = data[pos:end_index].replace(b" ", b"").replace(b"\t", b"")
        try:
            decoded = decode_base64(body)
        except ValueError:
            continue

        _, after = _line_at(data, end_index + len(_END) - 1)
        return PEMBlock(_text(type_line), FrozenDict(headers), decoded), data[after:]


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
