"""
The certificates.k8s.io/v1 CertificateSigningRequest and its parts.

`spec.request` and `status.certificate` hold PEM text as `bytes`; the codec does
the base64 of the wire form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from csrmodels._frozen import EMPTY, JSONValue
from csrmodels._meta import ListMeta, ObjectMeta
from csrmodels._model import WireModel, frozen_map, frozen_tuple, set_attr, utc_time
from csrmodels._names import API_VERSION, KIND, LIST_KIND

__all__ = [
    "CertificateSigningRequest",
    "CertificateSigningRequestCondition",
    "CertificateSigningRequestList",
    "CertificateSigningRequestSpec",
    "CertificateSigningRequestStatus",
]


def _require_bytes(obj: object, name: str) -> None:
    value = getattr(obj, name)
    if type(value) is not bytes:
        if isinstance(value, bytearray | memoryview):
            set_attr(obj, name, bytes(value))
            return
        msg = (
            f"{name} must be the PEM text as bytes, not {type(value).__name__}; "
            "the codec does the base64 of the wire form"
        )
        raise TypeError(msg)


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CertificateSigningRequestCondition(WireModel):
    """
    One condition of a CSR: `Approved`, `Denied`, `Failed`, or a custom type.

    The timestamps are aware UTC datetimes; the wire carries whole seconds.
    """

    type: str
    status: str
    reason: str = ""
    message: str = ""
    last_update_time: datetime | None = None
    last_transition_time: datetime | None = None
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        utc_time(self, "last_update_time")
        utc_time(self, "last_transition_time")
        frozen_map(self, "unknown_fields")


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CertificateSigningRequestSpec(WireModel):
    """
    What is asked for: the PEM request, the signer, usages and lifetime.

    `username`, `uid`, `groups` and `extra` are filled in by the API server from
    the identity of whoever created the CSR; values a client sends are replaced.
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
        _require_bytes(self, "request")
        frozen_tuple(self, "usages")
        frozen_tuple(self, "groups")
        frozen_map(self, "extra")
        frozen_map(self, "unknown_fields")


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CertificateSigningRequestStatus(WireModel):
    """What has happened: the conditions, and the issued certificate chain (PEM)."""

    conditions: tuple[CertificateSigningRequestCondition, ...] = ()
    certificate: bytes = b""
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        frozen_tuple(self, "conditions")
        _require_bytes(self, "certificate")
        frozen_map(self, "unknown_fields")


_NO_STATUS = CertificateSigningRequestStatus()
_NO_META = ObjectMeta()


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CertificateSigningRequest(WireModel):
    """
    A certificates.k8s.io/v1 CertificateSigningRequest.

    `api_version` and `kind` are fixed; decoding refuses any other version.
    """

    api_version: Literal["certificates.k8s.io/v1"] = field(
        default=API_VERSION, init=False
    )
    kind: Literal["CertificateSigningRequest"] = field(default=KIND, init=False)
    metadata: ObjectMeta = _NO_META
    spec: CertificateSigningRequestSpec
    status: CertificateSigningRequestStatus = _NO_STATUS
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        frozen_map(self, "unknown_fields")

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


_NO_LIST_META = ListMeta()


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CertificateSigningRequestList(WireModel):
    """
    A list of CSRs, as the API server returns it.

    Decoding also takes the generic ``{"apiVersion": "v1", "kind": "List"}`` that
    ``kubectl get csr -o json`` prints; `to_dict` writes back the form it read.
    """

    api_version: Literal["certificates.k8s.io/v1", "v1"] = API_VERSION
    kind: Literal["CertificateSigningRequestList", "List"] = LIST_KIND
    metadata: ListMeta = _NO_LIST_META
    items: tuple[CertificateSigningRequest, ...] = ()
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        frozen_tuple(self, "items")
        frozen_map(self, "unknown_fields")
