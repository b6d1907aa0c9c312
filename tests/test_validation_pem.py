"""Go's pem.Decode semantics, which decide what the API server sees as a block."""

from __future__ import annotations

import pytest

from csrmodels.validation import PEMBlock, pem_decode

BLOCK = b"-----BEGIN THING-----\nQUJD\n-----END THING-----\n"


class TestPemDecode:
    @pytest.mark.parametrize(
        ("data", "expected", "rest"),
        [
            (BLOCK, PEMBlock("THING", {}, b"ABC"), b""),
            (b"intro text\n" + BLOCK + b"tail", PEMBlock("THING", {}, b"ABC"), b"tail"),
            (BLOCK.replace(b"\n", b"\r\n"), PEMBlock("THING", {}, b"ABC"), b""),
            (
                b"-----BEGIN THING-----\nQU\t J D\n-----END THING-----   \nmore",
                PEMBlock("THING", {}, b"ABC"),
                b"more",
            ),
            (
                b"-----BEGIN THING-----\nProc-Type: 4,X\nDEK : v \n\nQUJD\n"
                b"-----END THING-----",
                PEMBlock("THING", {"Proc-Type": "4,X", "DEK": "v"}, b"ABC"),
                b"",
            ),
            (
                b"-----BEGIN THING-----\n-----END THING-----\n",
                PEMBlock("THING", {}, b""),
                b"",
            ),
            (
                b"-----BEGIN A-----\n-----BEGIN THING-----\nQUJD\n-----END THING-----",
                PEMBlock("THING", {}, b"ABC"),
                b"",
            ),
            (
                b"-----BEGIN THING-----\n!!!!\n-----END THING-----\n" + BLOCK,
                PEMBlock("THING", {}, b"ABC"),
                b"",
            ),
        ],
        ids=[
            "plain",
            "text-around",
            "crlf",
            "spaces-tabs-and-trailing-blanks",
            "headers",
            "empty-body",
            "bad-begin-then-block",
            "bad-base64-skipped",
        ],
    )
    def test_finds_block(self, data: bytes, expected: PEMBlock, rest: bytes) -> None:
        """A block is found with Go's type, headers, bytes and remainder."""
        assert pem_decode(data) == (expected, rest)

    @pytest.mark.parametrize(
        "data",
        [
            b"",
            b"no pem here",
            b"text -----BEGIN THING-----\nQUJD\n-----END THING-----\n",
            b"-----BEGIN THING-----\nQUJD\n-----END OTHER-----\n",
            b"-----BEGIN THING----\nQUJD\n-----END THING----\n",
            b"-----BEGIN THING-----\nQUJD\n-----END THING----- junk\n",
            b"-----BEGIN THING-----\nQUJD=\n-----END THING-----\n",
            b"-----BEGIN THING-----\nQUJD\n",
            b"-----BEGIN THING-----",
            b"-----BEGIN THING-----\nKey: value\n",
        ],
        ids=[
            "empty",
            "no-block",
            "begin-not-at-line-start",
            "end-type-differs",
            "short-dashes",
            "junk-after-end",
            "bad-padding",
            "no-end",
            "begin-only",
            "headers-then-nothing",
        ],
    )
    def test_no_block(self, data: bytes) -> None:
        """Input without a well-formed block yields no block and all the input."""
        assert pem_decode(data) == (None, data)

    def test_begin_line_without_anything_after_stops_search(self) -> None:
        """A header line running to the end stops the search, as in Go."""
        data = b"-----BEGIN A-----\nKey: v"
        assert pem_decode(data) == (None, data)

    def test_blocks_in_sequence(self) -> None:
        """Decoding the remainder finds the next block."""
        first, rest = pem_decode(BLOCK + BLOCK.replace(b"QUJD", b"REVG"))
        second, rest = pem_decode(rest)
        assert first is not None
        assert second is not None
        assert (first.data, second.data, rest) == (b"ABC", b"DEF", b"")

    def test_non_utf8_type_kept(self) -> None:
        """A type label that is not UTF-8 decodes without error."""
        block, _ = pem_decode(b"-----BEGIN \xff-----\nQUJD\n-----END \xff-----\n")
        assert block is not None
        assert block.type.encode("utf-8", "surrogateescape") == b"\xff"

    def test_many_begin_lines_without_end(self) -> None:
        """A long run of BEGIN lines with no END line anywhere holds no block."""
        data = b"-----BEGIN CERTIFICATE-----\nQUJD\n" * 20_000
        assert pem_decode(data) == (None, data)

    def test_body_over_later_begin_lines_skipped(self) -> None:
        """Each BEGIN whose body would run over later BEGIN lines is passed over."""
        # Go's pem.Decode tries every BEGIN line in turn; only the last one here
        # reaches the END line with a body of base64 alone.
        data = b"-----BEGIN A-----\nQUJD\n" * 5_000 + b"-----END A-----\nrest"
        assert pem_decode(data) == (PEMBlock("A", {}, b"ABC"), b"rest")

    def test_end_line_of_another_type_skipped(self) -> None:
        """An END line of another type ends no block; a later matching one does."""
        data = b"-----BEGIN A-----\n-----END B-----\n" + BLOCK
        assert pem_decode(data) == (PEMBlock("THING", {}, b"ABC"), b"")

    def test_block_hashable_and_read_only(self) -> None:
        """A block is hashable and its headers cannot be changed."""
        block, _ = pem_decode(b"-----BEGIN X-----\nA: b\n\nQUJD\n-----END X-----\n")
        assert block == PEMBlock("X", {"A": "b"}, b"ABC")
        assert hash(block) == hash(PEMBlock("X", {"A": "b"}, b"ABC"))
        with pytest.raises(TypeError):
            block.headers["A"] = "c"  # type: ignore[index]
