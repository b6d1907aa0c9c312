"""Run the `csrmodels` command in-process, as a user would, capturing its output."""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from csrmodels._cli import main

EXAMPLES = Path(__file__).parent.parent / "examples"
CSR_LIST = EXAMPLES / "csr-list.yaml"
JANE = EXAMPLES / "jane-client-csr.json"
# The example List was written as of this time; ages below are relative to it.
NOW = "2026-12-03T17:00:00Z"


@dataclass(frozen=True)
class Ran:
    """What a run of the command left: exit code, stdout and stderr."""

    code: int
    out: str
    err: str


def run(*argv: str, stdin: bytes | str = b"") -> Ran:
    """Run `csrmodels ARGV...` with `stdin` as its standard input."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    fake_stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.object(sys, "stdin", fake_stdin),
        redirect_stdout(out),
        redirect_stderr(err),
    ):
        code = main(list(argv))
    return Ran(code, out.getvalue(), err.getvalue())
