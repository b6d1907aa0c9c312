"""
Approve, deny and fail a CSR, and ask where it stands.

The transitions add one condition with status `True` and both timestamps set,
and refuse what the API server would refuse (Approved with Denied, a repeated
type) or what cannot be meant (approving twice). The queries follow the
Kubernetes controllers, whose reading of the conditions is the one that decides
whether a certificate is issued.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from csrmodels._csr import CertificateSigningRequest, CertificateSigningRequestCondition
from csrmodels._errors import CSRModelsError
from csrmodels._wire import to_utc

__all__ = [
    "ConditionConflictError",
    "add_condition",
    "condition",
    "is_approved",
    "is_denied",
    "is_failed",
    "is_issued",
    "is_pending",
]

# What each new condition may not meet in the CSR already: the condition
# types that conflict with it (its own type included: one of each at most).
_CONFLICTS = {
    "Approved": ("Denied", "Approved"),
    "Denied": ("Approved", "Denied"),
    "Failed": ("Failed",),
}
_PAST = {"Approved": "approved", "Denied": "denied", "Failed": "failed"}
_VERB = {"Approved": "approve", "Denied": "deny", "Failed": "fail"}


class ConditionConflictError(CSRModelsError, ValueError):
    """
    The CSR already has a condition that the new one cannot join.

    Attributes:
        existing: the condition already present.
        wanted: the type of the condition that was to be added.
    """

    existing: CertificateSigningRequestCondition
    wanted: str

    def __init__(
        self, name: str, existing: CertificateSigningRequestCondition, wanted: str
    ) -> None:
        self.existing = existing
        self.wanted = wanted
        what = f"CSR {name!r}" if name else "this CSR"
        because = f"reason {existing.reason!r}" if existing.reason else "no reason"
        msg = (
            f"cannot {_VERB[wanted]} {what}: it is already "
            f"{_PAST.get(existing.type, existing.type)} ({because})"
        )
        if wanted in ("Approved", "Denied") and existing.type != wanted:
            msg += "; the API server refuses Approved and Denied together"
        super().__init__(msg)


def _now(now: datetime | None) -> datetime:
    # The wire and the API server's storage keep whole seconds.
    moment = datetime.now(UTC) if now is None else to_utc(now, "now")
    return moment.replace(microsecond=0)


def add_condition(
    csr: CertificateSigningRequest,
    kind: str,
    *,
    reason: str,
    message: str,
    now: datetime | None,
) -> CertificateSigningRequest:
    """
    Return `csr` with a `kind` condition (status True) appended.

    Raises:
        ConditionConflictError: `csr` has a condition the new one conflicts with.
        ValueError: `now` is a naive datetime.
    """
    for conflicting in _CONFLICTS[kind]:
        existing = condition(csr, conflicting)
        if existing is not None:
            raise ConditionConflictError(csr.metadata.name, existing, kind)

    moment = _now(now)
    added = CertificateSigningRequestCondition(
        type=kind,
        status="True",
        reason=reason,
        message=message,
        last_update_time=moment,
        last_transition_time=moment,
    )
    status = replace(csr.status, conditions=(*csr.status.conditions, added))
    return replace(csr, status=status)


def condition(
    csr: CertificateSigningRequest, kind: str
) -> CertificateSigningRequestCondition | None:
    """The first condition of type `kind`, or None."""
    for item in csr.status.conditions:
        if item.type == kind:
            return item
    return None


def is_approved(csr: CertificateSigningRequest) -> bool:
    """An Approved condition and no Denied one (`IsCertificateRequestApproved`)."""
    return condition(csr, "Approved") is not None and condition(csr, "Denied") is None


def is_denied(csr: CertificateSigningRequest) -> bool:
    """A Denied condition, whatever its status (as `WaitForCertificate` reads it)."""
    return condition(csr, "Denied") is not None


def is_failed(csr: CertificateSigningRequest) -> bool:
    """A Failed condition with status True or empty (`HasTrueCondition`)."""
    return any(
        item.type == "Failed" and item.status in ("True", "")
        for item in csr.status.conditions
    )


def is_issued(csr: CertificateSigningRequest) -> bool:
    """`status.certificate` is not empty."""
    return bool(csr.status.certificate)


def is_pending(csr: CertificateSigningRequest) -> bool:
    """Neither approved nor denied yet: no Approved and no Denied condition."""
    return condition(csr, "Approved") is None and condition(csr, "Denied") is None
