"""
Reading the PEM a CSR object carries: the request and the issued chain.

`spec.request` is read as the API server reads it (Go's `pem.Decode` takes the
first PEM block, which must be a ``CERTIFICATE REQUEST``); `status.certificate`
as a chain of ``CERTIFICATE`` blocks, leaf first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypedDict

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import (
    dsa,
    ec,
    ed448,
    ed25519,
    rsa,
)

from csrmodels._errors import CSRModelsError
from csrmodels._validation._pem import pem_blocks, pem_decode
from csrmodels._validation._x509 import certificate_error, der_length
from csrmodels._x509_names import (
    IPAddress,
    common_name,
    organizations,
    subject_alt_names,
)

try:
    from cryptography.hazmat.primitives.asymmetric import mldsa
except ImportError:  # older cryptography releases have no ML-DSA
    _MLDSA_NAMES: dict[type, str] = {}
else:
    _MLDSA_NAMES = {
        mldsa.MLDSA44PublicKey: "ML-DSA-44",
        mldsa.MLDSA65PublicKey: "ML-DSA-65",
        mldsa.MLDSA87PublicKey: "ML-DSA-87",
    }

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import (
        PrivateKeyTypes,
        PublicKeyTypes,
    )

    from csrmodels._csr import CertificateSigningRequest

__all__ = [
    "CertificateInfo",
    "IssuedLifetime",
    "PEMError",
    "RequestInfo",
    "certificate_matches_private_key",
    "certificate_matches_request",
    "load_certificates",
    "load_request",
    "public_key_description",
    "spki_der",
    "unknown_key_name",
]

_REQUEST_TYPE = "CERTIFICATE REQUEST"


class PEMError(CSRModelsError, ValueError):
    """
    PEM text in a CSR that cannot be read as the API server would read it.

    Attributes:
        path: the field that holds the text (`spec.request`, `status.certificate`).
        reason: what is wrong, without the path.
    """

    path: str
    reason: str

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def load_request(
    pem: bytes, *, path: str = "spec.request"
) -> x509.CertificateSigningRequest:
    """
    Parse the PKCS#10 request in `pem` as Kubernetes' `ParseCSR` does.

    Only the first PEM block counts (Go's `pem.Decode`); text before it is
    skipped, blocks after it are ignored.

    Args:
        pem: the PEM text of `spec.request`.
        path: the field named in error messages.

    Returns:
        The request; its signature is not checked here (see
        `RequestInfo.signature_valid`).

    Raises:
        PEMError: if the first PEM block is not a ``CERTIFICATE REQUEST`` or its
            content is not a DER PKCS#10 request.
    """
    block, _ = pem_decode(pem)
    if block is None or block.type != _REQUEST_TYPE:
        raise PEMError(path, "PEM block type must be CERTIFICATE REQUEST")

    if der_length(block.data) != len(block.data):
        msg = "not a valid PKCS#10 certificate request (truncated or trailing data)"
        raise PEMError(path, msg)
    try:
        return x509.load_der_x509_csr(block.data)
    except (ValueError, x509.InvalidVersion) as exc:
        # InvalidVersion (a version field other than v1) is no ValueError.
        msg = f"not a valid PKCS#10 certificate request ({exc})"
        raise PEMError(path, msg) from None


def load_certificates(
    pem: bytes, *, path: str = "status.certificate"
) -> list[x509.Certificate]:
    """
    Parse the certificate chain in `pem`, in order (the leaf first).

    The API server's rules apply: every PEM block must be a header-less
    ``CERTIFICATE`` block (one block may hold several DER certificates), and
    text around the blocks is ignored.

    Args:
        pem: the PEM text of `status.certificate`.
        path: the field named in error messages.

    Raises:
        PEMError: if there is no certificate, or the API server would refuse
            the text.
    """
    if not pem:
        raise PEMError(path, "no certificate has been issued (the field is empty)")

    problem = certificate_error(pem)
    if problem is not None:
        raise PEMError(path, problem)

    certificates = []
    for block in pem_blocks(pem):
        der = block.data
        while der:
            # certificate_error has checked that every DER element parses.
            length = der_length(der) or len(der)
            certificates.append(x509.load_der_x509_certificate(der[:length]))
            der = der[length:]
    return certificates


def public_key_description(key: PublicKeyTypes) -> tuple[str, int]:
    """
    Name the algorithm of a public key and give its size in bits.

    RSA gives the modulus size, ECDSA the curve size (256 for P-256), Ed25519
    256 and Ed448 456. ML-DSA keys (with a `cryptography` that has them) are
    named ``"ML-DSA-44"``, ``"ML-DSA-65"`` or ``"ML-DSA-87"`` with size 0.
    """
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA", key.key_size
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "ECDSA", key.curve.key_size
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "Ed25519", 256
    if isinstance(key, ed448.Ed448PublicKey):
        return "Ed448", 456
    if isinstance(key, dsa.DSAPublicKey):
        return "DSA", key.key_size
    for key_type, name in _MLDSA_NAMES.items():
        if isinstance(key, key_type):
            return name, 0
    return type(key).__name__, 0


def spki_der(key: PublicKeyTypes) -> bytes:
    """The DER SubjectPublicKeyInfo of `key`, to compare keys."""
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _key_description(
    owner: x509.CertificateSigningRequest | x509.Certificate,
) -> tuple[str, int]:
    try:
        key = owner.public_key()
    except UnsupportedAlgorithm:
        # Go parses a request or certificate whose key algorithm it does not
        # know, leaving the key unset; name the algorithm by its OID.
        return unknown_key_name(owner), 0
    return public_key_description(key)


def unknown_key_name(owner: x509.CertificateSigningRequest | x509.Certificate) -> str:
    """Name a key algorithm cryptography cannot load: `unknown (<OID>)`."""
    # Requests have the attribute at run time, not in cryptography's stubs.
    oid = getattr(owner, "public_key_algorithm_oid", None)
    return f"unknown ({oid.dotted_string})" if oid is not None else "unknown"


class _SubjectAndKey(TypedDict):
    common_name: str
    organizations: tuple[str, ...]
    dns_names: tuple[str, ...]
    ip_addresses: tuple[IPAddress, ...]
    email_addresses: tuple[str, ...]
    uris: tuple[str, ...]
    public_key_algorithm: str
    public_key_size: int


def _subject_and_key(
    owner: x509.CertificateSigningRequest | x509.Certificate,
) -> _SubjectAndKey:
    """The fields `RequestInfo` and `CertificateInfo` share: subject, SANs, key."""
    sans = subject_alt_names(owner.extensions)
    algorithm, size = _key_description(owner)
    return {
        "common_name": common_name(owner.subject),
        "organizations": organizations(owner.subject),
        "dns_names": sans.dns_names,
        "ip_addresses": sans.ip_addresses,
        "email_addresses": sans.email_addresses,
        "uris": sans.uris,
        "public_key_algorithm": algorithm,
        "public_key_size": size,
    }


def _signature_valid(request: x509.CertificateSigningRequest) -> bool:
    try:
        return request.is_signature_valid
    except UnsupportedAlgorithm:  # a key algorithm cryptography cannot verify with
        return False


def _unreadable(path: str, exc: ValueError) -> PEMError:
    # cryptography parses every extension at once and refuses some that Go
    # reads (a KeyUsage with encipherOnly but no keyAgreement, for one).
    return PEMError(path, f"cryptography cannot read the extensions ({exc})")


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestInfo:
    """
    What a certificate request asks for, read from its PEM.

    Attributes:
        common_name: the subject CN (the last one if several), or ``""``.
        organizations: the subject O values, in order.
        dns_names: DNS subject alternative names.
        ip_addresses: IP subject alternative names.
        email_addresses: email (rfc822Name) subject alternative names.
        uris: URI subject alternative names.
        public_key_algorithm: ``"RSA"``, ``"ECDSA"``, ``"Ed25519"``...
        public_key_size: key size in bits (see `public_key_description`).
        signature_valid: whether the request's self-signature verifies.
    """

    common_name: str
    organizations: tuple[str, ...]
    dns_names: tuple[str, ...]
    ip_addresses: tuple[IPAddress, ...]
    email_addresses: tuple[str, ...]
    uris: tuple[str, ...]
    public_key_algorithm: str
    public_key_size: int
    signature_valid: bool

    @classmethod
    def from_request(cls, request: x509.CertificateSigningRequest) -> RequestInfo:
        """
        Read a parsed request.

        Raises:
            ValueError: if `cryptography` cannot read the request's extensions.
        """
        return cls(
            **_subject_and_key(request), signature_valid=_signature_valid(request)
        )

    @classmethod
    def from_pem(cls, pem: bytes) -> RequestInfo:
        """
        Read the request in `spec.request` PEM text.

        Raises:
            PEMError: as `load_request` does, and when `cryptography` cannot
                read the request's extensions.
        """
        request = load_request(pem)
        try:
            return cls.from_request(request)
        except ValueError as exc:
            error = _unreadable("spec.request", exc)
            raise error from None


@dataclass(frozen=True, slots=True, kw_only=True)
class CertificateInfo:
    """
    What an issued certificate says, read from its PEM.

    Attributes:
        common_name: the subject CN, or ``""``.
        organizations: the subject O values, in order.
        dns_names: DNS subject alternative names.
        ip_addresses: IP subject alternative names.
        email_addresses: email subject alternative names.
        uris: URI subject alternative names.
        public_key_algorithm: ``"RSA"``, ``"ECDSA"``, ``"Ed25519"``...
        public_key_size: key size in bits.
        serial_number: the certificate serial number.
        issuer: the issuer name in RFC 4514 form.
        not_before: start of validity, aware UTC.
        not_after: end of validity, aware UTC.
    """

    common_name: str
    organizations: tuple[str, ...]
    dns_names: tuple[str, ...]
    ip_addresses: tuple[IPAddress, ...]
    email_addresses: tuple[str, ...]
    uris: tuple[str, ...]
    public_key_algorithm: str
    public_key_size: int
    serial_number: int
    issuer: str
    not_before: datetime
    not_after: datetime

    @property
    def lifetime(self) -> timedelta:
        """The whole validity period, `not_after - not_before`."""
        return self.not_after - self.not_before

    @classmethod
    def from_certificate(cls, certificate: x509.Certificate) -> CertificateInfo:
        """
        Read a parsed certificate.

        Raises:
            ValueError: if `cryptography` cannot read the certificate's
                extensions.
        """
        return cls(
            **_subject_and_key(certificate),
            serial_number=certificate.serial_number,
            issuer=certificate.issuer.rfc4514_string(),
            not_before=certificate.not_valid_before_utc,
            not_after=certificate.not_valid_after_utc,
        )

    @classmethod
    def from_pem(cls, pem: bytes) -> CertificateInfo:
        """
        Read the leaf (first) certificate of `status.certificate` PEM text.

        Raises:
            PEMError: as `load_certificates` does, and when `cryptography`
                cannot read the certificate's extensions.
        """
        leaf = load_certificates(pem)[0]
        try:
            return cls.from_certificate(leaf)
        except ValueError as exc:
            error = _unreadable("status.certificate", exc)
            raise error from None


@dataclass(frozen=True, slots=True, kw_only=True)
class IssuedLifetime:
    """
    The lifetime a CSR asked for, set against the one its certificate got.

    A signer may issue a different lifetime: the in-tree signer caps it at its
    `--cluster-signing-duration`, raises it to at least 10 minutes, backdates the
    start by 5 minutes and never goes past its own CA's expiry.

    Attributes:
        requested: `spec.expirationSeconds` as a duration, or None if unset.
        not_before: start of the leaf certificate's validity.
        not_after: end of the leaf certificate's validity.
    """

    requested: timedelta | None
    not_before: datetime
    not_after: datetime

    @property
    def issued(self) -> timedelta:
        """The leaf's whole validity period, `not_after - not_before`."""
        return self.not_after - self.not_before

    @property
    def shortfall(self) -> timedelta:
        """
        How much shorter than requested the issued lifetime is (zero if not).

        Zero when nothing was requested.
        """
        if self.requested is None or self.issued >= self.requested:
            return timedelta(0)
        return self.requested - self.issued

    @classmethod
    def of(cls, csr: CertificateSigningRequest) -> IssuedLifetime:
        """
        Compare the request and the leaf certificate of `csr`.

        Raises:
            PEMError: if `status.certificate` is empty or does not parse.
        """
        leaf = load_certificates(csr.status.certificate)[0]
        seconds = csr.spec.expiration_seconds
        return cls(
            requested=None if seconds is None else timedelta(seconds=seconds),
            not_before=leaf.not_valid_before_utc,
            not_after=leaf.not_valid_after_utc,
        )


def certificate_matches_request(csr: CertificateSigningRequest) -> bool:
    """
    Tell whether the leaf certificate of `csr` is for the key of its request.

    Raises:
        PEMError: if `spec.request` or `status.certificate` does not parse,
            or no certificate has been issued.
    """
    request = load_request(csr.spec.request)
    leaf = load_certificates(csr.status.certificate)[0]
    return spki_der(leaf.public_key()) == spki_der(request.public_key())


def certificate_matches_private_key(
    csr: CertificateSigningRequest, private_key: PrivateKeyTypes
) -> bool:
    """
    Tell whether the leaf certificate of `csr` is for `private_key`.

    Raises:
        PEMError: if `status.certificate` is empty or does not parse.
    """
    leaf = load_certificates(csr.status.certificate)[0]
    return spki_der(leaf.public_key()) == spki_der(private_key.public_key())
