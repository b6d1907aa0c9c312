"""What `inspect` shows of a CSR's x509 content, and the problems it finds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from csrmodels._csr import CertificateSigningRequest

if TYPE_CHECKING:
    from cryptography import x509

__all__ = [
    "CertificateView",
    "RequestView",
    "certificate_view",
    "problems",
    "request_view",
]

_CURVES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}


@dataclass(frozen=True, slots=True)
class RequestView:
    """The parts of a PKCS #10 request a reviewer looks at."""

    subject: str
    sans: tuple[str, ...]
    key: str
    signature_valid: bool


@dataclass(frozen=True, slots=True)
class CertificateView:
    """The parts of the issued (leaf) certificate a user looks at."""

    subject: str
    issuer: str
    sans: tuple[str, ...]
    not_before: datetime
    not_after: datetime
    chain_length: int


def request_view(csr: CertificateSigningRequest) -> RequestView | None:
    """Describe `spec.request`, or return None when it does not parse."""
    from csrmodels.x509 import PEMError, RequestInfo

    try:
        request = csr.spec.parse_request()
        info = RequestInfo.from_request(request)
    except (PEMError, ValueError):
        return None
    return RequestView(
        subject=_name(request.subject),
        sans=_sans(info.dns_names, info.ip_addresses, info.email_addresses, info.uris),
        key=_key(request),
        signature_valid=info.signature_valid,
    )


def certificate_view(csr: CertificateSigningRequest) -> CertificateView | None:
    """Describe the leaf of `status.certificate`, or None when there is none."""
    from csrmodels.x509 import CertificateInfo, PEMError

    try:
        chain = csr.status.parse_certificates()
        leaf = chain[0]
        info = CertificateInfo.from_certificate(leaf)
    except (PEMError, ValueError):
        return None
    return CertificateView(
        subject=_name(leaf.subject),
        issuer=_name(leaf.issuer),
        sans=_sans(info.dns_names, info.ip_addresses, info.email_addresses, info.uris),
        not_before=info.not_before,
        not_after=info.not_after,
        chain_length=len(chain),
    )


def problems(csr: CertificateSigningRequest) -> list[str]:
    """
    What is wrong with a CSR: the API server's errors on creating it, and the
    x509 checks the signer makes (self-signature, certificate for the request).
    """
    from cryptography.exceptions import UnsupportedAlgorithm

    from csrmodels._cli.validate import as_created
    from csrmodels.validation import validate_create
    from csrmodels.x509 import PEMError, certificate_matches_request

    found = [str(error) for error in validate_create(as_created(csr))]
    request = request_view(csr)
    if request is not None and not request.signature_valid:
        found.append("spec.request: the request's signature does not verify")
    if csr.status.certificate:
        try:
            if request is not None and not certificate_matches_request(csr):
                found.append(
                    "status.certificate: the certificate is not for the request's key"
                )
        except PEMError as exc:
            found.append(str(exc))
        except UnsupportedAlgorithm:
            pass  # a key cryptography cannot load: nothing to compare
    return found


def _name(name: x509.Name) -> str:
    # Written in the order the attributes are encoded, as openssl shows them,
    # not in RFC 4514's reversed order.
    return ",".join(rdn.rfc4514_string() for rdn in name.rdns) or "<empty>"


def _sans(*groups: tuple[object, ...]) -> tuple[str, ...]:
    labels = ("DNS", "IP", "email", "URI")
    return tuple(
        f"{label}:{value}"
        for label, values in zip(labels, groups, strict=True)
        for value in values
    )


def _key(request: x509.CertificateSigningRequest) -> str:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.asymmetric import ec

    from csrmodels._x509_read import unknown_key_name
    from csrmodels.x509 import public_key_description

    try:
        public_key = request.public_key()
    except (UnsupportedAlgorithm, ValueError):
        return unknown_key_name(request)
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        curve = public_key.curve.name
        return f"ECDSA {_CURVES.get(curve, curve)}"
    algorithm, size = public_key_description(public_key)
    return f"{algorithm} {size}" if algorithm in ("RSA", "DSA") else algorithm
