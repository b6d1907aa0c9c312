"""Run the `csrmodels` command in-process, as a user would, capturing its output."""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448
from cryptography.x509.oid import NameOID

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


class _Terminal(io.TextIOWrapper):
    """A stdin that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def run(*argv: str, stdin: bytes | str | None = b"", terminal: bool = False) -> Ran:
    """
    Run `csrmodels ARGV...` with `stdin` (a pipe, or a terminal) as its input.

    `stdin=None` runs it with stdin closed, as Python sees `csrmodels ... <&-`.
    """
    fake_stdin: io.TextIOWrapper | None = None
    if stdin is not None:
        data = stdin.encode() if isinstance(stdin, str) else stdin
        kind = _Terminal if terminal else io.TextIOWrapper
        fake_stdin = kind(io.BytesIO(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.object(sys, "stdin", fake_stdin),
        redirect_stdout(out),
        redirect_stderr(err),
    ):
        code = main(list(argv))
    return Ran(code, out.getvalue(), err.getvalue())


@dataclass(frozen=True)
class CA:
    """A test certificate authority written to files, as `sign` takes it."""

    cert_path: Path
    key_path: Path
    certificate: x509.Certificate


def make_ca(directory: Path, ca_key: ed448.Ed448PrivateKey | None = None) -> CA:
    """Make a fresh CA valid from yesterday for ten years (ECDSA P-256 by default)."""
    key: ec.EllipticCurvePrivateKey | ed448.Ed448PrivateKey
    key = ec.generate_private_key(ec.SECP256R1()) if ca_key is None else ca_key
    digest = None if isinstance(key, ed448.Ed448PrivateKey) else hashes.SHA256()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test-ca")])
    start = datetime.now(UTC) - timedelta(days=1)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, digest)
    )
    cert_path = directory / "ca.crt"
    key_path = directory / "ca.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return CA(cert_path, key_path, certificate)
