"""
What kube-apiserver says about a CSR, before you send it.

The four validators mirror those of certificates.k8s.io/v1 in Kubernetes 1.34
and newer (default feature gates), rule for rule and error type for error type:

- `validate_create(csr)`: a new object;
- `validate_update(new, old)`: an update of the main resource;
- `validate_status_update(new, old)`: an update through `/status`;
- `validate_approval_update(new, old)`: an update through `/approval`.

Each takes a `CertificateSigningRequest` or a mapping in the wire form and
returns the `FieldError`s found, empty when the object is valid. The `check_*`
variants raise `ValidationError` instead and return the model. `pem_decode` is
Go's `pem.Decode`, which decides what the API server counts as a PEM block.

The validators check the object they are given. The API server first prepares
an incoming object (on create it replaces `status`, clears `metadata.namespace`
and fills in the requester; on updates it copies the stored `spec`); see
docs/validation.md for what that changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias

from csrmodels._csr import CertificateSigningRequest
from csrmodels._errors import CSRModelsError
from csrmodels._validation._field import ErrorType, FieldError
from csrmodels._validation._lenient import to_model
from csrmodels._validation._object import Options, validate_object
from csrmodels._validation._objectmeta import validate_path_segment
from csrmodels._validation._pem import PEMBlock, pem_decode
from csrmodels._validation._transitions import validate_transition

__all__ = [
    "CSRInput",
    "ErrorType",
    "FieldError",
    "PEMBlock",
    "ValidationError",
    "check_approval_update",
    "check_create",
    "check_status_update",
    "check_update",
    "pem_decode",
    "validate_approval_update",
    "validate_create",
    "validate_status_update",
    "validate_update",
]

CSRInput: TypeAlias = CertificateSigningRequest | Mapping[str, Any]
"""A CSR model, or a mapping in the wire form (as `json.loads` returns it)."""


class ValidationError(CSRModelsError, ValueError):
    """
    The API server would refuse the object: HTTP 422 with these field errors.

    Attributes:
        errors: every error found, in the API server's order.
    """

    errors: tuple[FieldError, ...]

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        self.errors = errors
        count = len(errors)
        noun = "error" if count == 1 else "errors"
        lines = [f"the API server would refuse this CSR: {count} field {noun}"]
        lines.extend(f"  {error}" for error in errors)
        super().__init__("\n".join(lines))


def validate_create(csr: CSRInput) -> list[FieldError]:
    """
    Validate a new CSR as `ValidateCertificateSigningRequestCreate` does.

    Creation is strict: no tolerance for bad data applies. When the CSR rules
    pass, the name is also checked as a URL path segment (no `/` or `%`, not
    `.` or `..`), as the API server's generic layer checks it next.

    Args:
        csr: the object to create, a model or a wire mapping.

    Returns:
        The field errors found; empty when the object is valid.

    Raises:
        TypeError: `csr` is neither a model nor a mapping.
    """
    model, errors = to_model(csr, "csr")
    if model is None:
        return errors
    errors = validate_object(model, Options())
    if errors:
        return errors
    # The API server checks the name as a URL path segment after the CSR rules
    # pass (rest.BeforeCreate), so this error only ever comes alone.
    return validate_path_segment(model.metadata)


def validate_update(new: CSRInput, old: CSRInput) -> list[FieldError]:
    """
    Validate an update of the main resource from `old` (stored) to `new`.

    Neither Approved/Denied conditions nor the certificate may change.

    Returns:
        The field errors found; empty when the update is valid.

    Raises:
        TypeError: an argument is neither a model nor a mapping.
    """
    return _update(new, old)


def validate_status_update(new: CSRInput, old: CSRInput) -> list[FieldError]:
    """
    Validate an update through `/status`: the certificate may be set once.

    Returns:
        The field errors found; empty when the update is valid.

    Raises:
        TypeError: an argument is neither a model nor a mapping.
    """
    return _update(new, old, status=True)


def validate_approval_update(new: CSRInput, old: CSRInput) -> list[FieldError]:
    """
    Validate an update through `/approval`: Approved/Denied may be added.

    Returns:
        The field errors found; empty when the update is valid.

    Raises:
        TypeError: an argument is neither a model nor a mapping.
    """
    return _update(new, old, approval=True)


def _update(
    new: CSRInput, old: CSRInput, *, status: bool = False, approval: bool = False
) -> list[FieldError]:
    new_model, new_errors = to_model(new, "new")
    old_model, old_errors = to_model(old, "old")
    if new_model is None or old_model is None:
        return new_errors + old_errors
    return validate_transition(new_model, old_model, status=status, approval=approval)


def _raise(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationError(tuple(errors))


def _model(value: CSRInput) -> CertificateSigningRequest:
    model, _ = to_model(value, "csr")
    assert model is not None  # only called once validation found no error
    return model


def check_create(csr: CSRInput) -> CertificateSigningRequest:
    """
    Like `validate_create`, but raise on the first invalid object.

    Returns:
        The object as a model.

    Raises:
        ValidationError: listing every field error.
    """
    _raise(validate_create(csr))
    return _model(csr)


def check_update(new: CSRInput, old: CSRInput) -> CertificateSigningRequest:
    """
    Like `validate_update`, but raise when the update would be refused.

    Returns:
        `new` as a model.

    Raises:
        ValidationError: listing every field error.
    """
    _raise(validate_update(new, old))
    return _model(new)


def check_status_update(new: CSRInput, old: CSRInput) -> CertificateSigningRequest:
    """
    Like `validate_status_update`, but raise when the update would be refused.

    Returns:
        `new` as a model.

    Raises:
        ValidationError: listing every field error.
    """
    _raise(validate_status_update(new, old))
    return _model(new)


def check_approval_update(new: CSRInput, old: CSRInput) -> CertificateSigningRequest:
    """
    Like `validate_approval_update`, but raise when the update would be refused.

    Returns:
        `new` as a model.

    Raises:
        ValidationError: listing every field error.
    """
    _raise(validate_approval_update(new, old))
    return _model(new)
