"""
The rules on one CSR object (`validateCertificateSigningRequest`), and the
tolerances ("ratcheting") an update derives from the stored object.
"""

from __future__ import annotations

from dataclasses import dataclass

from csrmodels._csr import CertificateSigningRequest
from csrmodels._names import KEY_USAGES, SIGNER_LEGACY_UNKNOWN
from csrmodels._validation._field import (
    FieldError,
    duplicate,
    invalid,
    not_supported,
    required,
)
from csrmodels._validation._objectmeta import validate_meta_create
from csrmodels._validation._signer_name import validate_signer_name
from csrmodels._validation._x509 import certificate_error, request_error

__all__ = ["Options", "options_for", "validate_object"]

_SORTED_USAGES = sorted(KEY_USAGES)
_TRUE_ONLY_TYPES = frozenset({"Approved", "Denied", "Failed"})
_TRUE_ONLY = ["True"]
_ALL_STATUSES = ["False", "True", "Unknown"]
_MIN_EXPIRATION = 600


@dataclass(frozen=True, slots=True)
class Options:
    """What a validation tolerates; all False on create."""

    allow_setting_approval_conditions: bool = False
    allow_setting_certificate: bool = False
    allow_both_approved_and_denied: bool = False
    allow_legacy_signer_name: bool = False
    allow_duplicate_condition_types: bool = False
    allow_empty_condition_type: bool = False
    allow_arbitrary_certificate: bool = False
    allow_unknown_usages: bool = False
    allow_duplicate_usages: bool = False


def options_for(
    new: CertificateSigningRequest, old: CertificateSigningRequest
) -> Options:
    """The tolerances an update gets from data already stored in `old`."""
    types = [condition.type for condition in old.status.conditions]
    usages = old.spec.usages
    certificate_unchanged = new.status.certificate == old.status.certificate
    return Options(
        allow_both_approved_and_denied="Approved" in types and "Denied" in types,
        allow_legacy_signer_name=old.spec.signer_name == SIGNER_LEGACY_UNKNOWN,
        allow_duplicate_condition_types=len(set(types)) < len(types),
        allow_empty_condition_type="" in types,
        allow_arbitrary_certificate=(
            certificate_unchanged
            or certificate_error(old.status.certificate) is not None
        ),
        allow_unknown_usages=any(usage not in KEY_USAGES for usage in usages),
        allow_duplicate_usages=len(set(usages)) < len(usages),
    )


def validate_object(
    csr: CertificateSigningRequest, options: Options
) -> list[FieldError]:
    """Every rule on one object, in the API server's order."""
    errors = validate_meta_create(csr.metadata)
    spec = csr.spec

    problem = request_error(spec.request)
    if problem is not None:
        errors.append(invalid("spec.request", spec.request, problem))

    if not spec.usages:
        errors.append(required("spec.usages"))
    if not options.allow_unknown_usages:
        errors.extend(
            not_supported(f"spec.usages[{index}]", usage, _SORTED_USAGES)
            for index, usage in enumerate(spec.usages)
            if usage not in KEY_USAGES
        )
    if not options.allow_duplicate_usages:
        seen: set[str] = set()
        for index, usage in enumerate(spec.usages):
            if usage in seen:
                errors.append(duplicate(f"spec.usages[{index}]", usage))
            seen.add(usage)

    if (
        not options.allow_legacy_signer_name
        and spec.signer_name == SIGNER_LEGACY_UNKNOWN
    ):
        detail = "the legacy signerName is not allowed via this API version"
        errors.append(invalid("spec.signerName", spec.signer_name, detail))
    else:
        errors.extend(validate_signer_name("spec.signerName", spec.signer_name))

    seconds = spec.expiration_seconds
    if seconds is not None and seconds < _MIN_EXPIRATION:
        detail = "may not specify a duration less than 600 seconds (10 minutes)"
        errors.append(invalid("spec.expirationSeconds", seconds, detail))

    errors.extend(_conditions(csr, options))

    if not options.allow_arbitrary_certificate:
        problem = certificate_error(csr.status.certificate)
        if problem is not None:
            errors.append(invalid("status.certificate", "<certificate data>", problem))
    return errors


def _conditions(csr: CertificateSigningRequest, options: Options) -> list[FieldError]:
    errors = []
    seen: set[str] = set()
    has_approved = has_denied = False
    for index, condition in enumerate(csr.status.conditions):
        path = f"status.conditions[{index}]"
        kind = condition.type
        if not options.allow_empty_condition_type and not kind:
            errors.append(required(f"{path}.type"))

        allowed = _TRUE_ONLY if kind in _TRUE_ONLY_TYPES else _ALL_STATUSES
        if not condition.status:
            errors.append(required(f"{path}.status"))
        elif condition.status not in allowed:
            errors.append(not_supported(f"{path}.status", condition.status, allowed))

        if not options.allow_both_approved_and_denied:
            # Kubernetes >= 1.34 reports this on the list, not on the item.
            conflict = (kind == "Approved" and has_denied) or (
                kind == "Denied" and has_approved
            )
            has_approved = has_approved or kind == "Approved"
            has_denied = has_denied or kind == "Denied"
            if conflict:
                detail = "Approved and Denied conditions are mutually exclusive"
                errors.append(invalid("status.conditions", kind, detail))

        if not options.allow_duplicate_condition_types:
            if kind in seen:
                errors.append(duplicate(f"{path}.type", kind))
            seen.add(kind)
    return errors
