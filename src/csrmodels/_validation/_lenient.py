"""
Wire mappings to models, for validation.

Go decodes a missing string or byte field as its zero value, so the API server
answers a CSR without `spec.request` or `spec.signerName` with field errors, not
a decode failure. The models require those fields; this module fills in the
zero values the schema requires before decoding. Input of the wrong JSON type,
which the API server refuses with HTTP 400 before validating, becomes one
Invalid error per problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from csrmodels._csr import CertificateSigningRequest
from csrmodels._errors import DecodeError
from csrmodels._validation._field import FieldError, invalid

__all__ = ["to_model"]

_DECODE_NOTE = "the API server refuses such a body with HTTP 400, before validation"


def to_model(
    value: object, role: str
) -> tuple[CertificateSigningRequest | None, list[FieldError]]:
    """
    Return the model for `value`, or the errors that stop it being one.

    Raises:
        TypeError: `value` is neither a model nor a mapping.
    """
    if isinstance(value, CertificateSigningRequest):
        return value, []
    if not isinstance(value, Mapping):
        msg = (
            f"{role} must be a CertificateSigningRequest or a mapping in the wire "
            f"form, not {type(value).__name__}"
        )
        raise TypeError(msg)

    try:
        return CertificateSigningRequest.from_dict(_with_zero_values(value)), []
    except DecodeError as exc:
        where = "" if role == "csr" or role == "new" else " (in the stored object)"
        errors = [
            invalid(
                problem.path,
                problem.got,
                f"expected {problem.expected}{where}; {_DECODE_NOTE}",
            )
            for problem in exc.problems
        ]
        return None, errors


def _with_zero_values(data: Mapping[str, Any]) -> dict[str, Any]:
    result = dict(data)
    spec = result.get("spec")
    if spec is None:
        spec = {}
    if isinstance(spec, Mapping):
        result["spec"] = _fill(spec, ("request", "signerName"))

    status = result.get("status")
    if isinstance(status, Mapping):
        conditions = status.get("conditions")
        if isinstance(conditions, list | tuple):
            result["status"] = {
                **status,
                "conditions": [_fill(item, ("type", "status")) for item in conditions],
            }

    metadata = result.get("metadata")
    if isinstance(metadata, Mapping):
        refs = metadata.get("ownerReferences")
        if isinstance(refs, list | tuple):
            keys = ("apiVersion", "kind", "name", "uid")
            result["metadata"] = {
                **metadata,
                "ownerReferences": [_fill(ref, keys) for ref in refs],
            }
    return result


def _fill(item: object, keys: tuple[str, ...]) -> object:
    if not isinstance(item, Mapping):
        return item
    filled = dict(item)
    for key in keys:
        if filled.get(key) is None:
            filled[key] = ""
    return filled
