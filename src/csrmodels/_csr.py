"""
The certificates.k8s.io/v1 CertificateSigningRequest and its parts.

`spec.request` and `status.certificate` hold PEM text as `bytes`; the codec does
the base64 of the wire form.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from csrmodels._frozen import EMPTY, JSONValue
from csrmodels._meta import ListMeta, ObjectMeta
from csrmodels._model import WireModel, normalize, require_bytes
from csrmodels._names import API_VERSION, KIND, LIST_KIND

if TYPE_CHECKING:
    from cryptography import x509

    from csrmodels._x509_build import RequestPrivateKey
    from csrmodels._x509_names import IPAddress

__all__ = [
    "CertificateSigningRequest",
    "CertificateSigningRequestCondition",
    "CertificateSigningRequestList",
    "CertificateSigningRequestSpec",
    "CertificateSigningRequestStatus",
]


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CertificateSigningRequestCondition(WireModel):
    """
    One condition of a CSR: `Approved`, `Denied`, `Failed`, or a custom type.

    The timestamps are aware UTC datetimes; the wire carries whole seconds.

    Attributes:
        type: the condition type (`ConditionType` lists those Kubernetes reads).
        status: `"True"`, `"False"` or `"Unknown"`.
        reason: a brief CamelCase reason, such as `AutoApproved`.
        message: a human-readable explanation.
        last_update_time: when the condition was last written.
        last_transition_time: when `status` last changed.
        unknown_fields: keys this library does not know, with their JSON values;
            `to_dict` writes them back.
    """

    type: str
    status: str
    reason: str = ""
    message: str = ""
    last_update_time: datetime | None = None
    last_transition_time: datetime | None = None
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        normalize(
            self, ("unknown_fields",), (), ("last_update_time", "last_transition_time")
        )


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CertificateSigningRequestSpec(WireModel):
    """
    What is asked for: the PEM request, the signer, usages and lifetime.

    `username`, `uid`, `groups` and `extra` are filled in by the API server from
    the identity of whoever created the CSR; values a client sends are replaced.

    Attributes:
        request: the PKCS#10 request as PEM text (base64 on the wire).
        signer_name: the signer asked to issue, such as
            `kubernetes.io/kube-apiserver-client`.
        expiration_seconds: the lifetime asked for, or `None` for the signer's
            default; the signer may issue a shorter one.
        usages: the key usages and extended key usages asked for, in order
            (`KeyUsage` lists the known values).
        username: the requester's user name.
        uid: the requester's UID.
        groups: the requester's groups.
        extra: the requester's extra attributes.
        unknown_fields: keys this library does not know, with their JSON values;
            `to_dict` writes them back.
    """

    request: bytes
    signer_name: str
    expiration_seconds: int | None = None
    usages: tuple[str, ...] = ()
    username: str = ""
    uid: str = ""
    groups: tuple[str, ...] = ()
    extra: Mapping[str, tuple[str, ...]] = EMPTY
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        require_bytes(self, "request")
        normalize(self, ("extra", "unknown_fields"), ("usages", "groups"), ())

    def parse_request(self) -> x509.CertificateSigningRequest:
        """
        Parse `request` as the API server does (first PEM block only).

        Returns:
            The PKCS#10 request; `csrmodels.x509.RequestInfo` reads it further.

        Raises:
            csrmodels.x509.PEMError: if the first PEM block is not a
                ``CERTIFICATE REQUEST`` or does not hold a PKCS#10 request.
        """
        from csrmodels._x509_read import load_request

        return load_request(self.request)


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CertificateSigningRequestStatus(WireModel):
    """
    What has happened: the conditions, and the issued certificate chain (PEM).

    Attributes:
        conditions: the conditions, in the order the API server stores them.
        certificate: the issued chain as PEM text, leaf first; `b""` until a
            signer answers (base64 on the wire).
        unknown_fields: keys this library does not know, with their JSON values;
            `to_dict` writes them back.
    """

    conditions: tuple[CertificateSigningRequestCondition, ...] = ()
    certificate: bytes = b""
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        require_bytes(self, "certificate")
        normalize(self, ("unknown_fields",), ("conditions",), ())

    def parse_certificates(self) -> list[x509.Certificate]:
        """
        Parse the issued chain in `certificate`, the leaf first.

        Raises:
            csrmodels.x509.PEMError: if no certificate has been issued or a
                block does not parse.
        """
        from csrmodels._x509_read import load_certificates

        return load_certificates(self.certificate)


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CertificateSigningRequest(WireModel):
    """
    A certificates.k8s.io/v1 CertificateSigningRequest.

    `api_version` and `kind` are fixed; decoding refuses any other version.

    Attributes:
        api_version: always `certificates.k8s.io/v1`.
        kind: always `CertificateSigningRequest`.
        metadata: the object's name, labels, annotations and server-set fields.
        spec: what is asked for; immutable once the CSR is created.
        status: the decision and the certificate, written through the
            `/approval` and `/status` subresources.
        unknown_fields: keys this library does not know, with their JSON values;
            `to_dict` writes them back.
    """

    api_version: Literal["certificates.k8s.io/v1"] = field(
        default=API_VERSION, init=False
    )
    kind: Literal["CertificateSigningRequest"] = field(default=KIND, init=False)
    # Frozen defaults, shared safely; written as calls so the docs show them.
    metadata: ObjectMeta = ObjectMeta()  # noqa: RUF009
    spec: CertificateSigningRequestSpec
    status: CertificateSigningRequestStatus = CertificateSigningRequestStatus()
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        normalize(self, ("unknown_fields",), (), ())

    @classmethod
    def from_private_key(
        cls,
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
        """
        Build a CSR object whose request is signed with `private_key`.

        Args:
            private_key: an RSA, ECDSA (P-256, P-384, P-521) or Ed25519 key
                from `cryptography`; it never leaves this call.
            signer_name: `spec.signerName`.
            usages: `spec.usages`, in order.
            common_name: subject CN (``""`` for none).
            organizations: subject O values.
            dns_names: DNS subject alternative names.
            ip_addresses: IP subject alternative names (objects or text).
            email_addresses: email subject alternative names.
            uris: URI subject alternative names.
            name: `metadata.name`.
            generate_name: `metadata.generateName`, if no `name`.
            expiration: requested lifetime; truncated to whole seconds into
                `spec.expirationSeconds` as client-go does.

        Raises:
            TypeError: for an unsupported key type or a wrongly typed value.
            ValueError: for a missing name, no usages, an expiration under
                10 minutes, or a value x509 cannot carry.
        """
        from csrmodels._x509_build import from_private_key

        return from_private_key(
            cls,
            private_key,
            signer_name=signer_name,
            usages=usages,
            common_name=common_name,
            organizations=organizations,
            dns_names=dns_names,
            ip_addresses=ip_addresses,
            email_addresses=email_addresses,
            uris=uris,
            name=name,
            generate_name=generate_name,
            expiration=expiration,
        )

    @classmethod
    def for_kubelet_client(
        cls,
        private_key: RequestPrivateKey,
        *,
        node_name: str,
        name: str = "",
        generate_name: str = "csr-",
        expiration: timedelta | None = None,
    ) -> CertificateSigningRequest:
        """
        Build the client CSR kubelet sends for `node_name`.

        Subject ``CN=system:node:<node_name>, O=system:nodes``, no SANs, signer
        ``kubernetes.io/kube-apiserver-client-kubelet``, usages digital
        signature, client auth and, for RSA keys, key encipherment.

        Raises:
            ValueError: for an empty node name, or as `from_private_key`.
        """
        from csrmodels._x509_build import for_kubelet_client

        return for_kubelet_client(
            cls,
            private_key,
            node_name=node_name,
            name=name,
            generate_name=generate_name,
            expiration=expiration,
        )

    @classmethod
    def for_kubelet_serving(
        cls,
        private_key: RequestPrivateKey,
        *,
        node_name: str,
        dns_names: Iterable[str] = (),
        ip_addresses: Iterable[IPAddress | str] = (),
        name: str = "",
        generate_name: str = "csr-",
        expiration: timedelta | None = None,
    ) -> CertificateSigningRequest:
        """
        Build the serving CSR kubelet sends for `node_name`.

        Subject ``CN=system:node:<node_name>, O=system:nodes``, the given SANs,
        signer ``kubernetes.io/kubelet-serving``, usages digital signature,
        server auth and, for RSA keys, key encipherment.

        Raises:
            ValueError: without any DNS name or IP address (the signer would
                refuse it), or as `from_private_key`.
        """
        from csrmodels._x509_build import for_kubelet_serving

        return for_kubelet_serving(
            cls,
            private_key,
            node_name=node_name,
            dns_names=dns_names,
            ip_addresses=ip_addresses,
            name=name,
            generate_name=generate_name,
            expiration=expiration,
        )

    @classmethod
    def for_user(
        cls,
        private_key: RequestPrivateKey,
        *,
        username: str,
        groups: Iterable[str] = (),
        name: str = "",
        generate_name: str = "csr-",
        expiration: timedelta | None = None,
    ) -> CertificateSigningRequest:
        """
        Build a client CSR for a user of kube-apiserver.

        Subject ``CN=<username>`` with one O per group, signer
        ``kubernetes.io/kube-apiserver-client``, usages digital signature,
        client auth and, for RSA keys, key encipherment.

        Raises:
            ValueError: for an empty username, the group ``system:masters``
                (the API server refuses it for this signer), or as
                `from_private_key`.
        """
        from csrmodels._x509_build import for_user

        return for_user(
            cls,
            private_key,
            username=username,
            groups=groups,
            name=name,
            generate_name=generate_name,
            expiration=expiration,
        )

    # Lifecycle (csrmodels._lifecycle): approve, deny, fail and the queries.

    def approve(
        self, *, reason: str = "", message: str = "", now: datetime | None = None
    ) -> CertificateSigningRequest:
        """
        Return a copy with an Approved condition, as `/approval` would store it.

        Args:
            reason: a one-word CamelCase reason, such as `AutoApproved`.
            message: a human-readable explanation.
            now: the time for both timestamps (default: now, UTC), cut to seconds.

        Raises:
            ConditionConflictError: the CSR is already approved or denied.
        """
        from csrmodels._lifecycle import add_condition

        return add_condition(self, "Approved", reason=reason, message=message, now=now)

    def deny(
        self, *, reason: str = "", message: str = "", now: datetime | None = None
    ) -> CertificateSigningRequest:
        """
        Return a copy with a Denied condition, as `/approval` would store it.

        Raises:
            ConditionConflictError: the CSR is already denied or approved.
        """
        from csrmodels._lifecycle import add_condition

        return add_condition(self, "Denied", reason=reason, message=message, now=now)

    def fail(
        self, *, reason: str = "", message: str = "", now: datetime | None = None
    ) -> CertificateSigningRequest:
        """
        Return a copy with a Failed condition, as a signer writes it to `/status`.

        Raises:
            ConditionConflictError: the CSR already has a Failed condition.
        """
        from csrmodels._lifecycle import add_condition

        return add_condition(self, "Failed", reason=reason, message=message, now=now)

    def condition(self, type: str) -> CertificateSigningRequestCondition | None:
        """The first condition of this type, or None."""
        from csrmodels._lifecycle import condition

        return condition(self, type)

    @property
    def is_approved(self) -> bool:
        """Approved and not Denied, as the signing controllers read it."""
        from csrmodels._lifecycle import is_approved

        return is_approved(self)

    @property
    def is_denied(self) -> bool:
        """A Denied condition is present (its status is not looked at)."""
        from csrmodels._lifecycle import is_denied

        return is_denied(self)

    @property
    def is_failed(self) -> bool:
        """A Failed condition with status True (or empty) is present."""
        from csrmodels._lifecycle import is_failed

        return is_failed(self)

    @property
    def is_issued(self) -> bool:
        """A certificate is present in `status.certificate`."""
        from csrmodels._lifecycle import is_issued

        return is_issued(self)

    @property
    def is_pending(self) -> bool:
        """No decision yet: neither an Approved nor a Denied condition."""
        from csrmodels._lifecycle import is_pending

        return is_pending(self)


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CertificateSigningRequestList(WireModel):
    """
    A list of CSRs, as the API server returns it.

    Decoding also takes the generic ``{"apiVersion": "v1", "kind": "List"}`` that
    ``kubectl get csr -o json`` prints; `to_dict` writes back the form it read.

    Attributes:
        api_version: `certificates.k8s.io/v1`, or `v1` for a generic `List`.
        kind: `CertificateSigningRequestList`, or `List`.
        metadata: the list's resource version and paging state.
        items: the CSRs.
        unknown_fields: keys this library does not know, with their JSON values;
            `to_dict` writes them back.
    """

    api_version: Literal["certificates.k8s.io/v1", "v1"] = API_VERSION
    kind: Literal["CertificateSigningRequestList", "List"] = LIST_KIND
    metadata: ListMeta = ListMeta()  # noqa: RUF009 (frozen, shared safely)
    items: tuple[CertificateSigningRequest, ...] = ()
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        normalize(self, ("unknown_fields",), ("items",), ())
