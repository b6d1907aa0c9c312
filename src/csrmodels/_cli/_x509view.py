"""What `inspect` shows of a request and a certificate: subject, SANs, key, validity."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography import x509

__all__ = ["CertificateView", "RequestView", "certificate_view", "request_view"]

_CURVES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}


@dataclass(frozen=True, slots=True)
class RequestView:
    """The parts of a PKCS #10 request a reviewer looks at."""

    subject: str
    sans: tuple[str, ...]
    key: str


@dataclass(frozen=True, slots=True)
class CertificateView:
    """The parts of the issued (leaf) certificate a user looks at."""

    subject: str
    issuer: str
    sans: tuple[str, ...]
    not_before: datetime
    not_after: datetime
    chain_length: int


def request_view(pem: bytes) -> RequestView | None:
    """Describe a PEM request, or return None when it does not parse."""
    from cryptography import x509

    try:
        request = x509.load_pem_x509_csr(pem)
        sans = _sans(request.extensions)
        return RequestView(_name(request.subject), sans, _key(request.public_key()))
    except (ValueError, TypeError):
        return None


def certificate_view(pem: bytes) -> CertificateView | None:
    """Describe the leaf of a PEM chain, or return None when it does not parse."""
    from cryptography import x509

    try:
        chain = x509.load_pem_x509_certificates(pem)
        leaf = chain[0]
        return CertificateView(
            subject=_name(leaf.subject),
            issuer=_name(leaf.issuer),
            sans=_sans(leaf.extensions),
            not_before=leaf.not_valid_before_utc,
            not_after=leaf.not_valid_after_utc,
            chain_length=len(chain),
        )
    except (ValueError, TypeError, IndexError):
        return None


def _name(name: x509.Name) -> str:
    # Written in the order the attributes are encoded (CN first for the usual
    # requests), not RFC 4514's reversed order, so it reads like the request.
    return ",".join(rdn.rfc4514_string() for rdn in name.rdns) or "<empty>"


def _sans(extensions: x509.Extensions) -> tuple[str, ...]:
    from cryptography import x509

    try:
        names = extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return ()
    found: list[str] = []
    kinds: Iterable[tuple[str, Any]] = (
        ("DNS", x509.DNSName),
        ("IP", x509.IPAddress),
        ("email", x509.RFC822Name),
        ("URI", x509.UniformResourceIdentifier),
    )
    for label, kind in kinds:
        found.extend(f"{label}:{value}" for value in names.get_values_for_type(kind))
    return tuple(found)


def _key(public_key: object) -> str:
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa

    if isinstance(public_key, rsa.RSAPublicKey):
        return f"RSA {public_key.key_size}"
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        curve = public_key.curve.name
        return f"ECDSA {_CURVES.get(curve, curve)}"
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return "Ed25519"
    if isinstance(public_key, ed448.Ed448PublicKey):
        return "Ed448"
    if isinstance(public_key, dsa.DSAPublicKey):
        return f"DSA {public_key.key_size}"
    return type(public_key).__name__.removesuffix("PublicKey")
