"""Reading manifests and files named on the command line, and writing manifests."""

from __future__ import annotations

import argparse
import errno
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from csrmodels._cli._errors import EXIT_USAGE, CommandError
from csrmodels._csr import CertificateSigningRequest
from csrmodels._errors import DecodeProblem
from csrmodels.manifest import Format, ManifestError, _load_located, _Located, dump

__all__ = [
    "STDIN",
    "Input",
    "add_file_argument",
    "load_input",
    "read_bytes",
    "write_manifest",
]

STDIN = "-"
_STDIN_LABEL = "<stdin>"
# A List of thousands of broken items would otherwise bury the terminal; the
# first problems show what is wrong.
_MAX_PROBLEM_LINES = 20
_PEM_BEGIN = re.compile(rb"\s*-----BEGIN ([A-Z0-9 ]{1,40})-----")


@dataclass(frozen=True, slots=True)
class Input:
    """The CSRs of one manifest named on the command line, and how it was written."""

    label: str
    format: Format
    found: tuple[_Located, ...]

    def where(self, found: _Located, field: str = "") -> str:
        """Name a CSR, or a field of one, for a message: `a.yaml: document 2: x`."""
        parts = [self.label]
        if found.document is not None:
            parts.append(f"document {found.document}")
        path = ".".join(part for part in (found.path, field) if part)
        if path:
            parts.append(path)
        return ": ".join(parts)


def add_file_argument(parser: argparse.ArgumentParser, verb: str = "read") -> None:
    """Add the optional FILE every command takes: `manifest to <verb>; - ...`."""
    parser.add_argument(
        "file",
        nargs="?",
        help=f"manifest to {verb}; - for stdin (the default when it is a pipe)",
    )


def read_bytes(path: str, what: str = "") -> tuple[str, bytes]:
    """
    Read a file named on the command line, `-` meaning stdin.

    Returns:
        The label to use in messages, and the content.

    Raises:
        CommandError: when the file cannot be read (exit code 2).
    """
    label = _STDIN_LABEL if path == STDIN else path
    subject = f"{what} {label}" if what else label
    try:
        if path == STDIN:
            return label, _read_stdin()
        return label, Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        msg = f"{subject}: cannot read: {reason}"
        raise CommandError(msg) from None


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:
        # Started with stdin closed (`csrmodels inspect - <&-`): Python then
        # has no sys.stdin at all.
        raise OSError(errno.EBADF, "stdin is closed")
    buffer = getattr(stream, "buffer", None)
    return buffer.read() if buffer is not None else stream.read().encode()


def load_input(path: str | None, *, allow_empty: bool = False) -> Input:
    """
    Read the CSRs of a manifest named on the command line (None: not given).

    Without a FILE the manifest comes from stdin, unless stdin is a terminal:
    then nobody is about to type YAML, and waiting would only look like a hang.

    Raises:
        CommandError: when the file cannot be read, is not JSON or YAML, holds
            a document that does not decode, or holds no CSR (exit code 2).
    """
    if path is None:
        if sys.stdin is not None and sys.stdin.isatty():
            msg = (
                "no FILE given and stdin is a terminal: name a manifest, or pipe "
                "one in (kubectl get csr -o yaml | csrmodels ...)"
            )
            raise CommandError(msg)
        path = STDIN
    label, data = read_bytes(path)
    try:
        found = _load_located(data)
    except ManifestError as exc:
        lines = _error_lines(label, data, exc)
        raise CommandError(*lines, exit_code=EXIT_USAGE) from None

    if not found and not allow_empty:
        msg = f"{label}: no CertificateSigningRequest found"
        raise CommandError(msg)
    return Input(label, _format_of(data), tuple(found))


def _error_lines(label: str, data: bytes, exc: ManifestError) -> list[str]:
    pem = _PEM_BEGIN.match(data)
    if pem is not None:
        # A key, request or certificate file given where a manifest goes; only
        # the block type is named, never the text.
        kind = pem.group(1).decode("ascii")
        return [f"{label}: a PEM {kind}, not a CSR manifest (JSON or YAML)"]

    where = label if exc.document is None else f"{label}: document {exc.document}"
    shown = exc.problems[:_MAX_PROBLEM_LINES]
    lines = [f"{where}: {_problem_text(problem)}" for problem in shown]
    hidden = len(exc.problems) - len(shown)
    if hidden:
        lines.append(f"{where}: ... and {hidden} more problems")
    return lines


def _problem_text(problem: DecodeProblem) -> str:
    if not problem.path and problem.expected.endswith(" text"):
        # A syntax error: "not valid YAML: <what the parser said> at line 3 ..."
        return f"not valid {problem.expected.removesuffix(' text')}: {problem.got}"
    return str(problem)


def _format_of(data: bytes) -> Format:
    return "json" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "yaml"


def write_manifest(csrs: Sequence[CertificateSigningRequest], format: Format) -> None:
    """Write one CSR as itself, several as a kubectl `List`."""
    text = dump(csrs[0] if len(csrs) == 1 else csrs, format=format)
    sys.stdout.write(text)
