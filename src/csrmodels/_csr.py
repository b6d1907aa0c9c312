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
from csrmodels._model import WireModel, normalize, require_bytes
from csrmodels._names import API_VERSION, KIND, LIST_KIND

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


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CertificateSigningRequestStatus(WireModel):
    """What has happened: the conditions, and the issued certificate chain (PEM)."""

    conditions: tuple[CertificateSigningRequestCondition, ...] = ()
    certificate: bytes = b""
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        require_bytes(self, "certificate")
        normalize(self, ("unknown_fields",), ("conditions",), ())


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
        normalize(self, ("unknown_fields",), (), ())


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
        normalize(self, ("unknown_fields",), ("items",), ())
