"""
The registry strategy of certificatesigningrequests: what kube-apiserver does
to an incoming object before validating it (create, update, /status, /approval).
"""

from __future__ import annotations

import dataclasses
import secrets
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestSpec,
    CertificateSigningRequestStatus,
    ObjectMeta,
)

# names.SimpleNameGenerator: five characters from an alphabet without vowels
# and look-alike digits.
_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
_NAME_SUFFIX = 5
_MAX_GENERATED_PREFIX = 63 - _NAME_SUFFIX


@dataclasses.dataclass(frozen=True)
class User:
    """The authenticated identity the server writes into `spec` on create."""

    name: str
    uid: str
    groups: tuple[str, ...]
    extra: Mapping[str, tuple[str, ...]]


def _generated_name(prefix: str) -> str:
    suffix = "".join(secrets.choice(_NAME_ALPHABET) for _ in range(_NAME_SUFFIX))
    return prefix[:_MAX_GENERATED_PREFIX] + suffix


def prepare_create(
    csr: CertificateSigningRequest, *, user: User, now: datetime
) -> CertificateSigningRequest:
    """Fill the server-owned fields of a new CSR; the client's status is dropped."""
    metadata = csr.metadata
    name = metadata.name
    if not name and metadata.generate_name:
        name = _generated_name(metadata.generate_name)
    metadata = dataclasses.replace(
        metadata,
        name=name,
        namespace="",
        uid=str(uuid.uuid4()),
        creation_timestamp=now,
        resource_version="",
        generation=0,
        deletion_timestamp=None,
        deletion_grace_period_seconds=None,
    )
    spec = dataclasses.replace(
        csr.spec,
        username=user.name,
        uid=user.uid,
        groups=user.groups,
        extra=user.extra,
    )
    return dataclasses.replace(
        csr, metadata=metadata, spec=spec, status=CertificateSigningRequestStatus()
    )


def _keep_system_metadata(new: ObjectMeta, old: ObjectMeta) -> ObjectMeta:
    # rest.BeforeUpdate: cluster-scoped, creation time and generation kept, an
    # empty uid taken from the stored object (a different one fails validation).
    return dataclasses.replace(
        new,
        namespace="",
        uid=new.uid or old.uid,
        creation_timestamp=old.creation_timestamp,
        generation=old.generation,
    )


def _with(
    new: CertificateSigningRequest,
    old: CertificateSigningRequest,
    *,
    spec: CertificateSigningRequestSpec,
    status: CertificateSigningRequestStatus,
) -> CertificateSigningRequest:
    metadata = _keep_system_metadata(new.metadata, old.metadata)
    return dataclasses.replace(new, metadata=metadata, spec=spec, status=status)


def prepare_update(
    new: CertificateSigningRequest, old: CertificateSigningRequest
) -> CertificateSigningRequest:
    """Main resource: only metadata changes survive; spec and status are stored."""
    return _with(new, old, spec=old.spec, status=old.status)


def _fill_timestamps(
    conditions: Sequence[CertificateSigningRequestCondition],
    stored: Sequence[CertificateSigningRequestCondition],
    now: datetime,
) -> tuple[CertificateSigningRequestCondition, ...]:
    filled = []
    for condition in conditions:
        update_time = condition.last_update_time or now
        transition_time = condition.last_transition_time
        if transition_time is None:
            transition_time = next(
                (
                    old.last_transition_time
                    for old in stored
                    if old.type == condition.type
                    and old.status == condition.status
                    and old.last_transition_time is not None
                ),
                now,
            )
        filled.append(
            dataclasses.replace(
                condition,
                last_update_time=update_time,
                last_transition_time=transition_time,
            )
        )
    return tuple(filled)


def _pin_approval_conditions(
    conditions: Sequence[CertificateSigningRequestCondition],
    stored: Sequence[CertificateSigningRequestCondition],
) -> list[CertificateSigningRequestCondition]:
    # For Approved and for Denied separately: with as many instances as stored,
    # the stored ones go back into those positions. Additions and removals are
    # left for validation to refuse.
    pinned = list(conditions)
    for kind in ("Approved", "Denied"):
        positions = [i for i, c in enumerate(pinned) if c.type == kind]
        previous = [c for c in stored if c.type == kind]
        if len(positions) == len(previous):
            for position, condition in zip(positions, previous, strict=True):
                pinned[position] = condition
    return pinned


def prepare_status_update(
    new: CertificateSigningRequest, old: CertificateSigningRequest, now: datetime
) -> CertificateSigningRequest:
    """/status: spec and existing Approved/Denied conditions are stored ones."""
    stored = old.status.conditions
    conditions = _pin_approval_conditions(new.status.conditions, stored)
    status = dataclasses.replace(
        new.status, conditions=_fill_timestamps(conditions, stored, now)
    )
    return _with(new, old, spec=old.spec, status=status)


def prepare_approval_update(
    new: CertificateSigningRequest, old: CertificateSigningRequest, now: datetime
) -> CertificateSigningRequest:
    """/approval: metadata and conditions are taken; the rest is the stored one."""
    conditions = _fill_timestamps(new.status.conditions, old.status.conditions, now)
    status = dataclasses.replace(old.status, conditions=conditions)
    return _with(new, old, spec=old.spec, status=status)
