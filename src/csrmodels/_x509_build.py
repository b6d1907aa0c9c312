"""
Making CSR objects from a private key: the PKCS#10 request and the model.

The request is built as Go's `x509.CreateCertificateRequest` builds the ones
kubelet and client-go send: subject O before CN, SANs in one extension, and the
signature hash Go picks for the key.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, TypeAlias

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from csrmodels._meta import ObjectMeta
from csrmodels._names import (
    SIGNER_KUBE_APISERVER_CLIENT,
    SIGNER_KUBE_APISERVER_CLIENT_KUBELET,
    SIGNER_KUBELET_SERVING,
)
from csrmodels._x509_names import IPAddress, SubjectAltNames, go_subject

if TYPE_CHECKING:
    from csrmodels._csr import CertificateSigningRequest

__all__ = [
    "RequestPrivateKey",
    "build_request",
    "expiration_seconds",
    "for_kubelet_client",
    "for_kubelet_serving",
    "for_user",
    "from_private_key",
    "signature_hash",
]

RequestPrivateKey: TypeAlias = (
    rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey
)
"""The private keys a request can be signed with (RSA, ECDSA, Ed25519)."""

_NODES_GROUP = "system:nodes"
_MASTERS_GROUP = "system:masters"
_MIN_EXPIRATION = timedelta(minutes=10)
_MAX_INT32 = 2**31 - 1

SignatureHash: TypeAlias = hashes.SHA256 | hashes.SHA384 | hashes.SHA512

# Go's x509 signs with these hashes for ECDSA keys (signingParamsForKey).
_CURVE_HASHES: dict[str, type[SignatureHash]] = {
    "secp256r1": hashes.SHA256,
    "secp384r1": hashes.SHA384,
    "secp521r1": hashes.SHA512,
}


def signature_hash(key: object, *, role: str) -> SignatureHash | None:
    """
    The hash Go's crypto/x509 signs with for `key`; None for Ed25519.

    Args:
        key: an RSA, ECDSA (P-256, P-384, P-521) or Ed25519 private key.
        role: what the key is, for error messages (`private_key`).

    Raises:
        TypeError: for another kind of key.
        ValueError: for an ECDSA key on a curve Go does not sign with.
    """
    if isinstance(key, rsa.RSAPrivateKey):
        return hashes.SHA256()
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return None
    if isinstance(key, ec.EllipticCurvePrivateKey):
        hash_type = _CURVE_HASHES.get(key.curve.name)
        if hash_type is None:
            msg = (
                f"{role}: ECDSA curve {key.curve.name} is not supported; "
                "use P-256, P-384 or P-521"
            )
            raise ValueError(msg)
        return hash_type()
    msg = (
        f"{role} must be an RSA, ECDSA or Ed25519 private key from "
        f"cryptography, not {type(key).__name__}"
    )
    raise TypeError(msg)


def expiration_seconds(expiration: timedelta) -> int:
    """
    Turn a requested lifetime into `spec.expirationSeconds` as client-go does.

    client-go's `DurationToExpirationSeconds` truncates to whole seconds.

    Raises:
        TypeError: if `expiration` is not a `timedelta`.
        ValueError: below 10 minutes (the API server refuses it) or beyond what
            the int32 field holds.
    """
    if not isinstance(expiration, timedelta):
        msg = f"expiration must be a timedelta, not {type(expiration).__name__}"
        raise TypeError(msg)

    if expiration < _MIN_EXPIRATION:
        msg = (
            f"expiration must be at least 10 minutes (got {expiration}); "
            "the API server refuses expirationSeconds below 600"
        )
        raise ValueError(msg)

    # Exact integer floor division; for the positive durations left it is
    # the truncation Go's integer division performs.
    seconds = expiration // timedelta(seconds=1)
    if seconds > _MAX_INT32:
        msg = f"expiration must be at most {_MAX_INT32} seconds (got {seconds})"
        raise ValueError(msg)

    return seconds


def _strings(values: Iterable[str], name: str) -> tuple[str, ...]:
    if isinstance(values, str | bytes):
        kind = type(values).__name__
        msg = f"{name} must be a sequence of strings, not a single {kind}"
        raise TypeError(msg)

    result = tuple(values)
    for index, value in enumerate(result):
        if not isinstance(value, str):
            msg = f"{name}[{index}] must be a str, not {type(value).__name__}"
            raise TypeError(msg)
    return result


def _addresses(values: Iterable[IPAddress | str], name: str) -> tuple[IPAddress, ...]:
    if isinstance(values, str | bytes):
        kind = type(values).__name__
        msg = f"{name} must be a sequence of addresses, not a single {kind}"
        raise TypeError(msg)

    result = []
    for index, value in enumerate(values):
        try:
            result.append(ipaddress.ip_address(value))
        except ValueError:
            msg = f"{name}[{index}] is not an IP address (got {value!r})"
            raise ValueError(msg) from None
    return tuple(result)


def build_request(
    private_key: RequestPrivateKey,
    *,
    common_name: str,
    organizations: Iterable[str] = (),
    dns_names: Iterable[str] = (),
    ip_addresses: Iterable[IPAddress | str] = (),
    email_addresses: Iterable[str] = (),
    uris: Iterable[str] = (),
) -> bytes:
    """
    Build and sign a PKCS#10 request; return its PEM text.

    Raises:
        TypeError: for an unsupported key or a wrongly typed value.
        ValueError: for a value x509 cannot carry (an IP that does not parse,
            text cryptography refuses in a name).
    """
    hash_algorithm = signature_hash(private_key, role="private_key")
    if not isinstance(common_name, str):
        msg = f"common_name must be a str, not {type(common_name).__name__}"
        raise TypeError(msg)

    subject = x509.Name(
        [
            x509.NameAttribute(x509.NameOID.ORGANIZATION_NAME, organization)
            for organization in _strings(organizations, "organizations")
        ]
        + (
            [x509.NameAttribute(x509.NameOID.COMMON_NAME, common_name)]
            if common_name
            else []
        )
    )
    sans = SubjectAltNames(
        dns_names=_strings(dns_names, "dns_names"),
        ip_addresses=_addresses(ip_addresses, "ip_addresses"),
        email_addresses=_strings(email_addresses, "email_addresses"),
        uris=_strings(uris, "uris"),
    )

    builder = x509.CertificateSigningRequestBuilder().subject_name(go_subject(subject))
    if sans:
        builder = builder.add_extension(sans.to_extension(), critical=False)
    request = builder.sign(private_key, hash_algorithm)

    return request.public_bytes(serialization.Encoding.PEM)


def from_private_key(
    cls: type[CertificateSigningRequest],
    private_key: RequestPrivateKey,
    *,
    signer_name: str,
    usages: Iterable[str],
    common_name: str,
    organizations: Iterable[str] = (),
    dns_names: Iterable[str] = (),
    ip_addresses: Iterable[IPAddress | str] = (),
    email_addresses: Iterable[str] = (),
    uris: Iterable[str] = (),
    name: str = "",
    generate_name: str = "",
    expiration: timedelta | None = None,
) -> CertificateSigningRequest:
    """Build a complete CSR object; see `CertificateSigningRequest.from_private_key`."""
    from csrmodels._csr import CertificateSigningRequestSpec

    if not name and not generate_name:
        msg = "give name or generate_name: the API server needs one of them"
        raise ValueError(msg)
    if not isinstance(signer_name, str) or not signer_name:
        msg = f"signer_name must be a non-empty str (got {signer_name!r})"
        raise ValueError(msg)

    usage_list = _strings(usages, "usages")
    if not usage_list:
        msg = "usages must name at least one key usage"
        raise ValueError(msg)

    request = build_request(
        private_key,
        common_name=common_name,
        organizations=organizations,
        dns_names=dns_names,
        ip_addresses=ip_addresses,
        email_addresses=email_addresses,
        uris=uris,
    )
    spec = CertificateSigningRequestSpec(
        request=request,
        signer_name=signer_name,
        expiration_seconds=None
        if expiration is None
        else expiration_seconds(expiration),
        usages=usage_list,
    )

    return cls(metadata=ObjectMeta(name=name, generate_name=generate_name), spec=spec)


def _auth_usages(private_key: RequestPrivateKey, auth_usage: str) -> tuple[str, ...]:
    # kubelet asks for key encipherment only with an RSA key; the kubelet
    # signers accept the usage set with or without it.
    if isinstance(private_key, rsa.RSAPrivateKey):
        return ("digital signature", "key encipherment", auth_usage)
    return ("digital signature", auth_usage)


def _node_common_name(node_name: str) -> str:
    if not isinstance(node_name, str) or not node_name:
        msg = f"node_name must be a non-empty str (got {node_name!r})"
        raise ValueError(msg)
    return f"system:node:{node_name}"


def for_kubelet_client(
    cls: type[CertificateSigningRequest],
    private_key: RequestPrivateKey,
    *,
    node_name: str,
    name: str = "",
    generate_name: str = "csr-",
    expiration: timedelta | None = None,
) -> CertificateSigningRequest:
    """Build kubelet's client CSR (see the model's `for_kubelet_client`)."""
    return from_private_key(
        cls,
        private_key,
        signer_name=SIGNER_KUBE_APISERVER_CLIENT_KUBELET,
        usages=_auth_usages(private_key, "client auth"),
        common_name=_node_common_name(node_name),
        organizations=(_NODES_GROUP,),
        name=name,
        generate_name="" if name else generate_name,
        expiration=expiration,
    )


def for_kubelet_serving(
    cls: type[CertificateSigningRequest],
    private_key: RequestPrivateKey,
    *,
    node_name: str,
    dns_names: Iterable[str] = (),
    ip_addresses: Iterable[IPAddress | str] = (),
    name: str = "",
    generate_name: str = "csr-",
    expiration: timedelta | None = None,
) -> CertificateSigningRequest:
    """Build kubelet's serving CSR (see the model's `for_kubelet_serving`)."""
    dns_list = _strings(dns_names, "dns_names")
    ip_list = _addresses(ip_addresses, "ip_addresses")
    if not dns_list and not ip_list:
        msg = (
            "give dns_names or ip_addresses: the kubelet-serving signer requires "
            "a DNS or IP subjectAltName"
        )
        raise ValueError(msg)

    return from_private_key(
        cls,
        private_key,
        signer_name=SIGNER_KUBELET_SERVING,
        usages=_auth_usages(private_key, "server auth"),
        common_name=_node_common_name(node_name),
        organizations=(_NODES_GROUP,),
        dns_names=dns_list,
        ip_addresses=ip_list,
        name=name,
        generate_name="" if name else generate_name,
        expiration=expiration,
    )


def for_user(
    cls: type[CertificateSigningRequest],
    private_key: RequestPrivateKey,
    *,
    username: str,
    groups: Iterable[str] = (),
    name: str = "",
    generate_name: str = "csr-",
    expiration: timedelta | None = None,
) -> CertificateSigningRequest:
    """Build a user's client CSR; see `CertificateSigningRequest.for_user`."""
    if not isinstance(username, str) or not username:
        msg = f"username must be a non-empty str (got {username!r})"
        raise ValueError(msg)

    group_list = _strings(groups, "groups")
    if _MASTERS_GROUP in group_list:
        msg = (
            f"groups must not contain {_MASTERS_GROUP!r}: the API server's "
            "CertificateSubjectRestriction admission plugin rejects it for "
            f"{SIGNER_KUBE_APISERVER_CLIENT}"
        )
        raise ValueError(msg)

    return from_private_key(
        cls,
        private_key,
        signer_name=SIGNER_KUBE_APISERVER_CLIENT,
        usages=_auth_usages(private_key, "client auth"),
        common_name=username,
        organizations=group_list,
        name=name,
        generate_name="" if name else generate_name,
        expiration=expiration,
    )
