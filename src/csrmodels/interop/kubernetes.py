"""
Conversion between csrmodels and the official `kubernetes` client (37.x).

`to_kubernetes` gives a `V1CertificateSigningRequest` that `CertificatesV1Api`
can create, replace or send to `/approval` and `/status`; `from_kubernetes`
reads what the client returns. Both go through the wire form with the client's
own serializer (`ApiClient.sanitize_for_serialization`) and deserializer (the
models' `from_dict`), so the result is what the client would send or has read.

Every field the client knows survives the round trip, timestamps to the
microsecond. The client drops the keys it does not know, so whatever a
csrmodels object holds in `unknown_fields` is lost on the way. To keep them,
decode the raw JSON instead: a watch event's ``raw_object``, or a response read
with ``_preload_content=False``.

Needs the `kubernetes` extra: ``pip install 'csrmodels[kubernetes]'``.
"""

from __future__ import annotations

from typing import Any, TypeAlias, overload

from csrmodels._csr import CertificateSigningRequest, CertificateSigningRequestList
from csrmodels.interop import MissingExtraError
from csrmodels.interop._times import with_exact_times

try:
    from kubernetes.client import (
        ApiClient,
        V1CertificateSigningRequest,
        V1CertificateSigningRequestList,
    )
except ImportError as exc:
    raise MissingExtraError(
        extra="kubernetes", missing=exc.name or "kubernetes"
    ) from exc

__all__ = ["from_kubernetes", "to_kubernetes"]

_KubernetesObject: TypeAlias = (
    V1CertificateSigningRequest | V1CertificateSigningRequestList
)


@overload
def to_kubernetes(obj: CertificateSigningRequest) -> V1CertificateSigningRequest: ...


@overload
def to_kubernetes(
    obj: CertificateSigningRequestList,
) -> V1CertificateSigningRequestList: ...


def to_kubernetes(
    obj: CertificateSigningRequest | CertificateSigningRequestList,
) -> V1CertificateSigningRequest | V1CertificateSigningRequestList:
    """
    Convert a csrmodels CSR (or list of CSRs) to the `kubernetes` client's model.

    Args:
        obj: the CSR or list to convert.

    Returns:
        A new `V1CertificateSigningRequest` (or `V1CertificateSigningRequestList`);
        `obj` is unchanged. `spec.request` and `status.certificate` hold the
        base64 text of the PEM, as the client's models do after a read.

    Raises:
        TypeError: `obj` is not a csrmodels CSR or list.
    """
    model: type[_KubernetesObject]
    if isinstance(obj, CertificateSigningRequestList):
        model = V1CertificateSigningRequestList
    elif isinstance(obj, CertificateSigningRequest):
        model = V1CertificateSigningRequest
    else:
        msg = (
            "to_kubernetes() takes a csrmodels CertificateSigningRequest or "
            f"CertificateSigningRequestList, not {type(obj).__name__}"
        )
        raise TypeError(msg)

    wire = with_exact_times(obj, obj.to_dict())
    converted = model.from_dict(wire)
    if converted is None:  # from_dict returns None only when given None
        msg = f"the kubernetes client could not build a {model.__name__}"
        raise TypeError(msg)
    return converted


@overload
def from_kubernetes(
    model: V1CertificateSigningRequest,
) -> CertificateSigningRequest: ...


@overload
def from_kubernetes(
    model: V1CertificateSigningRequestList,
) -> CertificateSigningRequestList: ...


def from_kubernetes(
    model: V1CertificateSigningRequest | V1CertificateSigningRequestList,
) -> CertificateSigningRequest | CertificateSigningRequestList:
    """
    Convert a `kubernetes` client CSR model (or CSR list) to csrmodels.

    Args:
        model: what `CertificatesV1Api` returned, or a model built in Python.

    Returns:
        The csrmodels equivalent; `model` is unchanged.

    Raises:
        TypeError: `model` is not a `V1CertificateSigningRequest` or
            `V1CertificateSigningRequestList`, or holds `bytes` in
            `spec.request` or `status.certificate` (the client sends only the
            base64 text there, and bytes could be either PEM or base64).
        DecodeError: a value is not valid for its field, with the field's path
            (for example a naive `datetime`, which has no time zone to send).
    """
    target: type[CertificateSigningRequest | CertificateSigningRequestList]
    if isinstance(model, V1CertificateSigningRequestList):
        target = CertificateSigningRequestList
    elif isinstance(model, V1CertificateSigningRequest):
        target = CertificateSigningRequest
    else:
        msg = (
            "from_kubernetes() takes a kubernetes V1CertificateSigningRequest or "
            f"V1CertificateSigningRequestList, not {type(model).__name__}"
        )
        raise TypeError(msg)

    with ApiClient() as api_client:
        wire: dict[str, Any] = api_client.sanitize_for_serialization(model)
    if target is CertificateSigningRequestList:
        for index, item in enumerate(wire.get("items") or ()):
            _refuse_bytes(item, f"items[{index}].")
    else:
        _refuse_bytes(wire, "")
    return target.from_dict(wire)


def _refuse_bytes(wire: dict[str, Any], prefix: str) -> None:
    # The models accept `bytes` for these fields, but the client cannot send
    # them (json.dumps fails) and cannot tell base64 from PEM in them.
    for section, field in (("spec", "request"), ("status", "certificate")):
        value = (wire.get(section) or {}).get(field)
        if isinstance(value, bytes | bytearray):
            msg = (
                f"{prefix}{section}.{field} is bytes, which the kubernetes client "
                "cannot send; set it to the base64 text of the PEM, "
                "base64.b64encode(pem).decode()"
            )
            raise TypeError(msg)
