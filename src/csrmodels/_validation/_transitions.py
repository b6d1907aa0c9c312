"""
What an update may change, per path (`validateCertificateSigningRequestUpdate`).

Approved, Denied and Failed conditions are never removed; Approved and Denied
change only through `/approval`; the certificate is set only through `/status`,
and only once.
"""

from __future__ import annotations

from dataclasses import replace

from csrmodels._csr import CertificateSigningRequest, CertificateSigningRequestCondition
from csrmodels._validation._field import FieldError, forbidden, go_quote, go_value
from csrmodels._validation._object import Options, options_for, validate_object
from csrmodels._validation._objectmeta import validate_meta_update

__all__ = ["validate_transition"]

_CONDITIONS = "status.conditions"
_CERTIFICATE = "status.certificate"


def validate_transition(
    new: CertificateSigningRequest,
    old: CertificateSigningRequest,
    *,
    approval: bool = False,
    status: bool = False,
) -> list[FieldError]:
    """Object rules on `new` plus the transition rules from `old`."""
    options = replace(
        options_for(new, old),
        allow_setting_approval_conditions=approval,
        allow_setting_certificate=status,
    )
    errors = validate_object(new, options)

    for kind in ("Approved", "Denied", "Failed"):
        if len(_of_type(new, kind)) < len(_of_type(old, kind)):
            detail = f"updates may not remove a condition of type {go_quote(kind)}"
            errors.append(forbidden(_CONDITIONS, detail))

    if not options.allow_setting_approval_conditions:
        errors.extend(_approval_changes(new, old))

    errors.extend(_certificate_change(new, old, options))
    errors.extend(validate_meta_update(new.metadata, old.metadata))
    return errors


def _approval_changes(
    new: CertificateSigningRequest, old: CertificateSigningRequest
) -> list[FieldError]:
    errors = []
    for kind in ("Approved", "Denied"):
        new_conditions, old_conditions = _of_type(new, kind), _of_type(old, kind)
        if len(new_conditions) > len(old_conditions):
            detail = f"updates may not add a condition of type {go_quote(kind)}"
            errors.append(forbidden(_CONDITIONS, detail))
        elif len(new_conditions) == len(old_conditions) and list(
            map(_fields, new_conditions)
        ) != list(map(_fields, old_conditions)):
            detail = (
                f"updates may not modify a condition of type {go_quote(kind)}\n"
                + _diff(old_conditions, new_conditions)
            )
            errors.append(forbidden(_CONDITIONS, detail))
    return errors


def _certificate_change(
    new: CertificateSigningRequest, old: CertificateSigningRequest, options: Options
) -> list[FieldError]:
    if new.status.certificate == old.status.certificate:
        return []
    if not options.allow_setting_certificate:
        return [forbidden(_CERTIFICATE, "updates may not set certificate content")]
    if old.status.certificate:
        detail = "updates may not modify existing certificate content"
        return [forbidden(_CERTIFICATE, detail)]
    return []


def _of_type(
    csr: CertificateSigningRequest, kind: str
) -> list[CertificateSigningRequestCondition]:
    return [condition for condition in csr.status.conditions if condition.type == kind]


# (model attribute, wire name) of the fields Go compares.
_COMPARED = (
    ("type", "type"),
    ("status", "status"),
    ("reason", "reason"),
    ("message", "message"),
    ("last_update_time", "lastUpdateTime"),
    ("last_transition_time", "lastTransitionTime"),
)


def _fields(condition: CertificateSigningRequestCondition) -> tuple[object, ...]:
    # Go compares the typed fields only; unknown JSON keys are not kept there.
    return tuple(getattr(condition, name) for name, _ in _COMPARED)


def _diff(
    old: list[CertificateSigningRequestCondition],
    new: list[CertificateSigningRequestCondition],
) -> str:
    # The API server prints a go-cmp diff here, whose text is not stable; this
    # lists the fields that differ, one line each.
    lines = []
    for index, (before, after) in enumerate(zip(old, new, strict=True)):
        for name, wire in _COMPARED:
            was, now = getattr(before, name), getattr(after, name)
            if was != now:
                lines.append(f"  [{index}].{wire}: {go_value(was)} -> {go_value(now)}")
    return "\n".join(lines)
