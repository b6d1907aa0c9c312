"""Realistic CSR objects, as a cluster holds them, built with the public API."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any, TypeVar

from csrmodels import (
    SIGNER_KUBE_APISERVER_CLIENT,
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestList,
    CertificateSigningRequestSpec,
    CertificateSigningRequestStatus,
    ListMeta,
    ManagedFieldsEntry,
    ObjectMeta,
    OwnerReference,
)
from tests.pki import TestCA, new_key, request_pem

_M = TypeVar("_M")

CREATED = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)
APPROVED = datetime(2026, 11, 30, 9, 16, 30, tzinfo=UTC)


def pending_csr(name: str = "jane-client") -> CertificateSigningRequest:
    """A user's client-certificate CSR as the API server stores it on create."""
    return CertificateSigningRequest(
        metadata=ObjectMeta(
            name=name,
            uid="5b1f0c9e-7a36-4d2e-9a51-0c3f9b2f4e11",
            resource_version="48213",
            creation_timestamp=CREATED,
            labels={"team": "platform"},
            annotations={"example.com/ticket": "OPS-1234"},
            owner_references=(
                OwnerReference(
                    api_version="v1",
                    kind="ServiceAccount",
                    name="onboarding",
                    uid="0b6f8a60-1c55-4b2e-8f77-3f0e4f3c2d10",
                    controller=False,
                ),
            ),
            managed_fields=(
                ManagedFieldsEntry(
                    manager="kubectl-create",
                    operation="Update",
                    api_version="certificates.k8s.io/v1",
                    time=CREATED,
                    fields_type="FieldsV1",
                    fields_v1={
                        "f:spec": {"f:request": {}, "f:signerName": {}, "f:usages": {}}
                    },
                ),
            ),
        ),
        spec=CertificateSigningRequestSpec(
            request=request_pem(new_key(), "jane", ("developers",)),
            signer_name=SIGNER_KUBE_APISERVER_CLIENT,
            expiration_seconds=86400,
            usages=("digital signature", "client auth"),
            username="kubernetes-admin",
            uid="",
            groups=("system:masters", "system:authenticated"),
            extra={"scopes": ("openid", "groups")},
        ),
    )


def issued_csr(name: str = "jane-client") -> CertificateSigningRequest:
    """The same CSR once approved and issued, with a leaf + CA chain."""
    pending = pending_csr(name)
    approved = CertificateSigningRequestCondition(
        type="Approved",
        status="True",
        reason="OpsApproved",
        message="approved by the on-call engineer",
        last_update_time=APPROVED,
        last_transition_time=APPROVED,
    )
    status = CertificateSigningRequestStatus(
        conditions=(approved,),
        certificate=TestCA().issue(pending.spec.request),
    )
    return CertificateSigningRequest(
        metadata=pending.metadata, spec=pending.spec, status=status
    )


def csr_list() -> CertificateSigningRequestList:
    """A list as `GET .../certificatesigningrequests` returns it."""
    return CertificateSigningRequestList(
        metadata=ListMeta(resource_version="48250"),
        items=(pending_csr("alice"), issued_csr("bob")),
    )


def without_unknown_fields(obj: _M) -> _M:
    """`obj` with `unknown_fields` emptied at every level, as a client keeps it."""
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(obj):  # type: ignore[arg-type]
        if not field.init:
            continue
        value = getattr(obj, field.name)
        if field.name == "unknown_fields":
            changes[field.name] = {}
        elif dataclasses.is_dataclass(value):
            changes[field.name] = without_unknown_fields(value)
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            changes[field.name] = tuple(without_unknown_fields(item) for item in value)
    return dataclasses.replace(obj, **changes)  # type: ignore[type-var]


def without_nulls(value: Any) -> Any:
    """Drop null members: for optional fields absent and null mean the same."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value
