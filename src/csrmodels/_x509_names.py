"""
Subjects and subject alternative names as Go's crypto/x509 sees them.

The Kubernetes signer copies a request's subject through Go's `pkix.Name`,
which keeps only the attributes it has fields for and writes them back in its
own order. This module reproduces that round trip, and reads the four SAN kinds
Go carries over (DNS, IP, email, URI).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from cryptography import x509
from cryptography.x509.oid import ExtensionOID, NameOID

__all__ = [
    "IPAddress",
    "SubjectAltNames",
    "common_name",
    "go_subject",
    "organizations",
    "subject_alt_names",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
"""An IP address object of the standard `ipaddress` module."""

# Go's pkix.Name.ToRDNSequence order. Lists become one RDN each (several values
# of a list share one multi-valued RDN); CommonName and SerialNumber are single
# strings, the last value read winning.
_GO_LISTS = (
    NameOID.COUNTRY_NAME,
    NameOID.STATE_OR_PROVINCE_NAME,
    NameOID.LOCALITY_NAME,
    NameOID.STREET_ADDRESS,
    NameOID.POSTAL_CODE,
    NameOID.ORGANIZATION_NAME,
    NameOID.ORGANIZATIONAL_UNIT_NAME,
)
_GO_SINGLES = (NameOID.COMMON_NAME, NameOID.SERIAL_NUMBER)


def go_subject(name: x509.Name) -> x509.Name:
    """
    Return `name` as Go re-encodes it after parsing it into a `pkix.Name`.

    Attributes other than C, ST, L, street, postalCode, O, OU, CN and
    serialNumber are dropped; the kept ones come out in that order; values of
    one type share one RDN; an empty CN or serialNumber is left out.
    """
    # The parsed attributes are reused rather than rebuilt: cryptography warns
    # about values it would not create (a three-letter country) that Go keeps.
    lists: dict[x509.ObjectIdentifier, list[x509.NameAttribute[str | bytes]]] = {
        oid: [] for oid in _GO_LISTS
    }
    singles: dict[x509.ObjectIdentifier, x509.NameAttribute[str | bytes]] = {}
    for attribute in name:
        if not isinstance(attribute.value, str):
            continue
        if attribute.oid in lists:
            lists[attribute.oid].append(attribute)
        elif attribute.oid in _GO_SINGLES:
            singles[attribute.oid] = attribute

    rdns = [
        x509.RelativeDistinguishedName(attributes)
        for attributes in lists.values()
        if attributes
    ]
    rdns.extend(
        x509.RelativeDistinguishedName([singles[oid]])
        for oid in _GO_SINGLES
        if oid in singles and singles[oid].value
    )

    return x509.Name(rdns)


def common_name(name: x509.Name) -> str:
    """The subject common name as Go reads it: the last CN value, or ``""``."""
    values = [
        attribute.value
        for attribute in name.get_attributes_for_oid(NameOID.COMMON_NAME)
        if isinstance(attribute.value, str)
    ]
    return values[-1] if values else ""


def organizations(name: x509.Name) -> tuple[str, ...]:
    """Every organization (O) value of `name`, in order."""
    return tuple(
        attribute.value
        for attribute in name.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
        if isinstance(attribute.value, str)
    )


@dataclass(frozen=True, slots=True)
class SubjectAltNames:
    """The SAN kinds Go models: DNS names, IP addresses, emails and URIs."""

    dns_names: tuple[str, ...] = ()
    ip_addresses: tuple[IPAddress, ...] = ()
    email_addresses: tuple[str, ...] = ()
    uris: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(
            self.dns_names or self.ip_addresses or self.email_addresses or self.uris
        )

    def to_extension(self) -> x509.SubjectAlternativeName:
        """Build the extension, in Go's order: DNS, email, IP, URI."""
        names: list[x509.GeneralName] = [x509.DNSName(name) for name in self.dns_names]
        names.extend(x509.RFC822Name(email) for email in self.email_addresses)
        names.extend(x509.IPAddress(_go_ip(address)) for address in self.ip_addresses)
        names.extend(x509.UniformResourceIdentifier(uri) for uri in self.uris)
        return x509.SubjectAlternativeName(names)


def _go_ip(address: IPAddress) -> IPAddress:
    # Go writes an IP in its 4-byte form whenever it has one (net.IP.To4), so
    # an IPv4-mapped IPv6 address comes out as plain IPv4.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def subject_alt_names(extensions: x509.Extensions) -> SubjectAltNames:
    """
    Read the SANs of a request or certificate.

    Other name forms (otherName, directoryName, registeredID) are ignored, as Go
    ignores them.
    """
    try:
        extension = extensions.get_extension_for_oid(
            ExtensionOID.SUBJECT_ALTERNATIVE_NAME
        )
    except x509.ExtensionNotFound:
        return SubjectAltNames()

    value = extension.value
    if not isinstance(value, x509.SubjectAlternativeName):
        return SubjectAltNames()
    addresses = value.get_values_for_type(x509.IPAddress)
    return SubjectAltNames(
        dns_names=tuple(value.get_values_for_type(x509.DNSName)),
        ip_addresses=tuple(
            address
            for address in addresses
            if isinstance(address, ipaddress.IPv4Address | ipaddress.IPv6Address)
        ),
        email_addresses=tuple(value.get_values_for_type(x509.RFC822Name)),
        uris=tuple(value.get_values_for_type(x509.UniformResourceIdentifier)),
    )
