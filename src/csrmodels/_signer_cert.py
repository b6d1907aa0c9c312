"""
The certificate the in-tree signer issues: usages, validity and template.

Mirrors `pkg/controller/certificates/authority` of kube-controller-manager
(`PermissiveSigningPolicy` and `CertificateAuthority.Sign`) and the parts of
Go's `x509.CreateCertificate` that shape the result.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID, ExtensionOID, ObjectIdentifier

from csrmodels._x509_build import signature_hash
from csrmodels._x509_names import go_subject, subject_alt_names

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import (
        CertificateIssuerPrivateKeyTypes,
        CertificatePublicKeyTypes,
    )

__all__ = [
    "BACKDATE",
    "MIN_DURATION",
    "SHORT",
    "IssuanceError",
    "Validity",
    "extended_key_usages",
    "issue",
    "key_usage_bits",
    "ttl",
    "validity",
]

BACKDATE: Final = timedelta(minutes=5)
"""How far before the signing time a certificate's not-before is set (clock skew)."""
SHORT: Final = timedelta(hours=8)
"""
Lifetimes below this run in full from the signing time; longer ones end
`BACKDATE` earlier, so that not-before to not-after is exactly the lifetime.
"""
MIN_DURATION: Final = timedelta(minutes=10)
"""A shorter requested lifetime is raised to this (`max_duration` still caps it)."""
_SERIAL_LIMIT: Final = 2**128

# KeyUsage bits (RFC 5280 4.2.1.3; Go's x509.KeyUsage values).
_KEY_USAGE_BITS: Final = {
    "signing": 1 << 0,
    "digital signature": 1 << 0,
    "content commitment": 1 << 1,
    "key encipherment": 1 << 2,
    "data encipherment": 1 << 3,
    "key agreement": 1 << 4,
    "cert sign": 1 << 5,
    "crl sign": 1 << 6,
    "encipher only": 1 << 7,
    "decipher only": 1 << 8,
}

# Keyed by the usage string; the position is Go's x509.ExtKeyUsage value, by
# which the signer sorts the extension.
_EXT_KEY_USAGES: Final = {
    "any": (0, ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE),
    "server auth": (1, ExtendedKeyUsageOID.SERVER_AUTH),
    "client auth": (2, ExtendedKeyUsageOID.CLIENT_AUTH),
    "code signing": (3, ExtendedKeyUsageOID.CODE_SIGNING),
    "email protection": (4, ExtendedKeyUsageOID.EMAIL_PROTECTION),
    "s/mime": (4, ExtendedKeyUsageOID.EMAIL_PROTECTION),
    "ipsec end system": (5, ObjectIdentifier("1.3.6.1.5.5.7.3.5")),
    "ipsec tunnel": (6, ObjectIdentifier("1.3.6.1.5.5.7.3.6")),
    "ipsec user": (7, ObjectIdentifier("1.3.6.1.5.5.7.3.7")),
    "timestamping": (8, ExtendedKeyUsageOID.TIME_STAMPING),
    "ocsp signing": (9, ExtendedKeyUsageOID.OCSP_SIGNING),
    "microsoft sgc": (10, ObjectIdentifier("1.3.6.1.4.1.311.10.3.3")),
    "netscape sgc": (11, ObjectIdentifier("2.16.840.1.113730.4.1")),
}


class IssuanceError(ValueError):
    """A reason the signer cannot issue, raised before anything is signed."""


def key_usage_bits(usages: tuple[str, ...]) -> int:
    """
    OR the KeyUsage bits of `usages`; EKU names and unknown names add none.
    """
    bits = 0
    for usage in usages:
        bits |= _KEY_USAGE_BITS.get(usage, 0)
    return bits


def extended_key_usages(usages: tuple[str, ...]) -> list[ObjectIdentifier]:
    """The EKU OIDs of `usages`, de-duplicated, in Go's `ExtKeyUsage` order."""
    found = {_EXT_KEY_USAGES[usage] for usage in usages if usage in _EXT_KEY_USAGES}
    return [oid for _, oid in sorted(found, key=lambda item: item[0])]


def _check_usages(usages: tuple[str, ...]) -> None:
    unknown = [
        usage
        for usage in usages
        if usage not in _KEY_USAGE_BITS and usage not in _EXT_KEY_USAGES
    ]
    if unknown:
        quoted = " ".join(f'"{usage}"' for usage in unknown)
        msg = f"unrecognized usage values: [{quoted}]"
        raise IssuanceError(msg)


def _key_usage_der(bits: int) -> bytes:
    # Go's marshalKeyUsage: bit 0 is the most significant bit of the first
    # byte; a second byte only for decipherOnly; trailing zero bits unused.
    first = int(f"{bits & 0xFF:08b}"[::-1], 2)
    second = int(f"{(bits >> 8) & 0xFF:08b}"[::-1], 2)
    content = bytes([first, second]) if second else bytes([first])
    last = content[-1]
    unused = (last & -last).bit_length() - 1 if last else 8
    return bytes([0x03, len(content) + 1, unused]) + content


def ttl(expiration_seconds: int | None, max_duration: timedelta) -> timedelta:
    """
    The lifetime the signer grants: the request clamped to [10 min, max].

    A CSR without `expirationSeconds` gets `max_duration`; a maximum below 10
    minutes wins over the floor.
    """
    if expiration_seconds is None:
        return max_duration

    requested = timedelta(seconds=expiration_seconds)
    if requested > max_duration:
        return max_duration
    if requested < MIN_DURATION:
        return MIN_DURATION
    return requested


@dataclass(frozen=True, slots=True)
class Validity:
    """The not-before and not-after of a certificate to issue."""

    not_before: datetime
    not_after: datetime


def validity(now: datetime, lifetime: timedelta, ca_not_after: datetime) -> Validity:
    """
    Compute the validity period the in-tree signer sets.

    Not-before is `now` minus 5 minutes. Below 8 hours the lifetime runs from
    `now`; from 8 hours on, from `now` minus 5 minutes (so the whole period is
    exactly the lifetime). Not-after never passes the CA's not-after.

    Raises:
        IssuanceError: when the CA has expired.
    """
    not_before = now - BACKDATE
    # Backdating is about 1% of 8 hours; shorter certificates keep their
    # whole lifetime after `now`.
    end_backdate = timedelta(0) if lifetime < SHORT else BACKDATE
    not_after = min(now + lifetime - end_backdate, ca_not_after)
    if not_before >= ca_not_after:
        msg = f"the signer has expired: NotAfter={ca_not_after.isoformat()}"
        raise IssuanceError(msg)
    if now >= ca_not_after:
        msg = (
            "refusing to sign a certificate that expired in the past: "
            f"NotAfter={ca_not_after.isoformat()}"
        )
        raise IssuanceError(msg)

    return Validity(not_before, not_after)


def _authority_key_identifier(
    ca_certificate: x509.Certificate,
    ca_private_key: CertificateIssuerPrivateKeyTypes,
) -> x509.AuthorityKeyIdentifier:
    try:
        ski = ca_certificate.extensions.get_extension_for_class(
            x509.SubjectKeyIdentifier
        )
    except x509.ExtensionNotFound:
        return x509.AuthorityKeyIdentifier.from_issuer_public_key(
            ca_private_key.public_key()
        )
    return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski.value)


def issue(
    request: x509.CertificateSigningRequest,
    public_key: CertificatePublicKeyTypes,
    usages: tuple[str, ...],
    period: Validity,
    ca_certificate: x509.Certificate,
    ca_private_key: CertificateIssuerPrivateKeyTypes,
) -> bytes:
    """
    Sign the certificate for `request` and return it as one PEM block.

    Raises:
        IssuanceError: for a usage the signer does not know.
    """
    _check_usages(usages)
    subject = go_subject(request.subject)
    sans = subject_alt_names(request.extensions)

    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_certificate.subject)
        .public_key(public_key)
        .serial_number(secrets.randbelow(_SERIAL_LIMIT - 1) + 1)
        .not_valid_before(period.not_before)
        .not_valid_after(period.not_after)
    )
    # Extensions in the order Go's CreateCertificate writes them.
    bits = key_usage_bits(usages)
    if bits:
        key_usage = x509.UnrecognizedExtension(
            ExtensionOID.KEY_USAGE, _key_usage_der(bits)
        )
        builder = builder.add_extension(key_usage, critical=True)
    eku = extended_key_usages(usages)
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    builder = builder.add_extension(
        x509.BasicConstraints(ca=False, path_length=None), critical=True
    )
    builder = builder.add_extension(
        x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False
    )
    builder = builder.add_extension(
        _authority_key_identifier(ca_certificate, ca_private_key), critical=False
    )
    if sans:
        # RFC 5280 4.2.1.6: critical when the subject is empty, as Go does.
        builder = builder.add_extension(sans.to_extension(), critical=len(subject) == 0)

    certificate = builder.sign(
        ca_private_key, signature_hash(ca_private_key, role="ca_private_key")
    )
    return certificate.public_bytes(serialization.Encoding.PEM)
