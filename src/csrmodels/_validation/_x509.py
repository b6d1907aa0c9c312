"""
The request and certificate checks, with Go's x509 acceptance rules.

`cryptography` (imported here only) parses the DER; the extra rules make it
accept what Go's `x509.ParseCertificateRequest` and `x509.ParseCertificates`
accept: RSA keys of 1024 bits or more (Go 1.24 refuses smaller ones), ECDSA on
P-224/P-256/P-384/P-521, Ed25519, and no bytes after the DER. The signature
check is in `_signature`.
"""

from __future__ import annotations

import warnings

from csrmodels._validation._pem import pem_decode
from csrmodels._validation._signature import UNIMPLEMENTED, signature_error

__all__ = ["certificate_error", "request_error"]

_REQUEST_TYPE = "CERTIFICATE REQUEST"
_CERTIFICATE_TYPE = "CERTIFICATE"
_GO_CURVES = frozenset({"secp224r1", "secp256r1", "secp384r1", "secp521r1"})
_RSA_MIN_BITS = 1024


def der_length(der: bytes) -> int | None:
    """
    Length of the first DER element (tag, length and content) in `der`.

    Returns None when the header is malformed or runs past the data.
    """
    if len(der) < 2:
        return None
    offset = 1
    if der[0] & 0x1F == 0x1F:
        while offset < len(der) and der[offset] & 0x80:
            offset += 1
        offset += 1
    if offset >= len(der):
        return None
    first = der[offset]
    offset += 1
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        if count == 0 or count > 4 or offset + count > len(der):
            return None
        length = int.from_bytes(der[offset : offset + count], "big")
        offset += count
    total = offset + length
    return total if total <= len(der) else None


def request_error(pem: bytes) -> str | None:
    """
    Why the API server refuses `spec.request`, or None if it accepts it.

    Only the first PEM block counts; the message for a missing or mistyped
    block is the API server's own, the others follow Go's x509 wording.
    """
    block, _ = pem_decode(pem)
    if block is None or block.type != _REQUEST_TYPE:
        return "PEM block type must be CERTIFICATE REQUEST"

    from cryptography import x509
    from cryptography.exceptions import UnsupportedAlgorithm

    length = der_length(block.data)
    if length is None:
        return "asn1: syntax error: data truncated"
    if length < len(block.data):
        return "asn1: syntax error: trailing data"
    try:
        csr = x509.load_der_x509_csr(block.data)
        key = csr.public_key()
    except (ValueError, UnsupportedAlgorithm, x509.InvalidVersion) as exc:
        return f"x509: malformed certificate request: {exc}"

    problem = _key_problem(key)
    if problem is not None:
        return problem
    return signature_error(csr)


def _key_problem(key: object) -> str | None:
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < _RSA_MIN_BITS:
            return (
                f"crypto/rsa: {key.key_size}-bit keys are insecure "
                "(see https://go.dev/pkg/crypto/rsa#hdr-Minimum_key_size)"
            )
        return None
    if isinstance(key, ec.EllipticCurvePublicKey):
        if key.curve.name not in _GO_CURVES:
            return "x509: unsupported elliptic curve"
        return None
    if isinstance(key, ed25519.Ed25519PublicKey):
        return None
    return UNIMPLEMENTED


def certificate_error(pem: bytes) -> str | None:
    """
    Why the API server refuses `status.certificate`, or None if it accepts it.

    Empty is fine. Every PEM block must be a header-less CERTIFICATE block of
    one or more DER certificates, and there must be at least one block; text
    around the blocks is ignored.
    """
    if not pem:
        return None

    blocks = 0
    block, rest = pem_decode(pem)
    while block is not None:
        if block.type != _CERTIFICATE_TYPE:
            from csrmodels._validation._field import go_quote

            return (
                f"only CERTIFICATE PEM blocks are allowed, found {go_quote(block.type)}"
            )
        if block.headers:
            return "no PEM block headers are permitted"
        blocks += 1
        problem = _certificates_problem(block.data)
        if problem is not None:
            return problem
        block, rest = pem_decode(rest)

    if blocks == 0:
        return "must contain at least one CERTIFICATE PEM block"
    return None


def _certificates_problem(der: bytes) -> str | None:
    from cryptography import x509

    parse_errors = (ValueError, x509.InvalidVersion)

    if not der:
        return "found CERTIFICATE PEM block containing 0 certificates"
    while der:
        length = der_length(der)
        if length is None:
            return "x509: malformed certificate"
        try:
            # cryptography warns about a serial number that is not positive;
            # the verdict here is Go's, so the warning is not for the caller.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                certificate = x509.load_der_x509_certificate(der[:length])
                negative = certificate.serial_number < 0
        except parse_errors:
            return "x509: malformed certificate"
        if negative:
            # Go 1.23 and later (Kubernetes 1.32 and later) refuse these.
            return "x509: negative serial number"
        der = der[length:]
    return None
