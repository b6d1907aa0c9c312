"""
Conversion between csrmodels and lightkube 1.x (lightkube-models).

`to_lightkube` gives a lightkube resource that `lightkube.Client` can create,
replace or send to the `/approval` and `/status` subresources; `from_lightkube`
reads any lightkube CSR model back. Both go through the wire form, which
lightkube decodes and encodes in C (msgspec).

Every field lightkube knows survives the round trip, timestamps to the
microsecond. lightkube drops the keys it does not know, so whatever a csrmodels
object holds in `unknown_fields` is lost on the way to lightkube (its generic
resources keep them: see the docs' how-to on unknown fields). lightkube also
fixes the `kind` of a list, so kubectl's generic `List` comes back as a
`CertificateSigningRequestList`.

Needs the `lightkube` extra: ``pip install 'csrmodels[lightkube]'``.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias, TypeVar, cast, overload

from csrmodels._csr import CertificateSigningRequest, CertificateSigningRequestList
from csrmodels.interop import MissingExtraError
from csrmodels.interop._times import with_exact_times

try:
    from lightkube.core.schema import DictMixin
    from lightkube.models import certificates_v1 as lightkube_models
    from lightkube.resources import certificates_v1 as lightkube_resources
except ImportError as exc:
    raise MissingExtraError(extra="lightkube", missing=exc.name or "lightkube") from exc

__all__ = ["Subresource", "from_lightkube", "to_lightkube"]

Subresource: TypeAlias = Literal["approval", "status"]
"""A CSR subresource that `lightkube.Client.replace` can write to."""

_RESOURCES = {
    None: lightkube_resources.CertificateSigningRequest,
    "approval": lightkube_resources.CertificateSigningRequestApproval,
    "status": lightkube_resources.CertificateSigningRequestStatus,
}


_Model = TypeVar("_Model", bound=DictMixin)


def _from_dict(cls: type[_Model], wire: dict[str, Any]) -> _Model:
    # lightkube annotates from_dict as returning its base class; it returns `cls`.
    return cast(_Model, cls.from_dict(wire))


@overload
def to_lightkube(
    obj: CertificateSigningRequest, *, subresource: None = None
) -> lightkube_resources.CertificateSigningRequest: ...


@overload
def to_lightkube(
    obj: CertificateSigningRequest, *, subresource: Literal["approval"]
) -> lightkube_resources.CertificateSigningRequestApproval: ...


@overload
def to_lightkube(
    obj: CertificateSigningRequest, *, subresource: Literal["status"]
) -> lightkube_resources.CertificateSigningRequestStatus: ...


@overload
def to_lightkube(
    obj: CertificateSigningRequest, *, subresource: Subresource | None
) -> lightkube_models.CertificateSigningRequest: ...


@overload
def to_lightkube(
    obj: CertificateSigningRequestList, *, subresource: None = None
) -> lightkube_models.CertificateSigningRequestList: ...


def to_lightkube(
    obj: CertificateSigningRequest | CertificateSigningRequestList,
    *,
    subresource: Subresource | None = None,
) -> (
    lightkube_models.CertificateSigningRequest
    | lightkube_models.CertificateSigningRequestList
):
    """
    Convert a csrmodels CSR (or list of CSRs) to its lightkube twin.

    Args:
        obj: the CSR or list to convert.
        subresource: `"approval"` or `"status"` to get the lightkube class that
            `Client.replace` sends to that subresource; `None` for the resource
            itself.

    Returns:
        A new lightkube object; `obj` is unchanged. A list becomes a
        `lightkube.models.certificates_v1.CertificateSigningRequestList`.

    Raises:
        TypeError: `obj` is not a csrmodels CSR or list.
        ValueError: a subresource was asked for a list.
    """
    if isinstance(obj, CertificateSigningRequestList):
        if subresource is not None:
            msg = f"subresource={subresource!r} applies to a single CSR, not a list"
            raise ValueError(msg)
        wire = with_exact_times(obj, obj.to_dict())
        return _from_dict(lightkube_models.CertificateSigningRequestList, wire)

    if not isinstance(obj, CertificateSigningRequest):
        msg = (
            "to_lightkube() takes a csrmodels CertificateSigningRequest or "
            f"CertificateSigningRequestList, not {type(obj).__name__}"
        )
        raise TypeError(msg)
    if subresource not in _RESOURCES:
        msg = f"subresource must be 'approval', 'status' or None, not {subresource!r}"
        raise ValueError(msg)

    wire = with_exact_times(obj, obj.to_dict())
    return _from_dict(_RESOURCES[subresource], wire)


@overload
def from_lightkube(
    resource: lightkube_models.CertificateSigningRequest,
) -> CertificateSigningRequest: ...


@overload
def from_lightkube(
    resource: lightkube_models.CertificateSigningRequestList,
) -> CertificateSigningRequestList: ...


def from_lightkube(
    resource: lightkube_models.CertificateSigningRequest
    | lightkube_models.CertificateSigningRequestList,
) -> CertificateSigningRequest | CertificateSigningRequestList:
    """
    Convert a lightkube CSR (resource, subresource or model) or CSR list.

    Args:
        resource: what `lightkube.Client` returned, or any object of
            `lightkube.models.certificates_v1`'s CSR classes.

    Returns:
        The csrmodels equivalent; `resource` is unchanged.

    Raises:
        TypeError: `resource` is not a lightkube CSR or CSR list.
        DecodeError: a value in `resource` is not valid for its field (lightkube
            does not check values set in Python), with the field's path.
    """
    if isinstance(resource, lightkube_models.CertificateSigningRequestList):
        return CertificateSigningRequestList.from_dict(resource.to_dict())
    if isinstance(resource, lightkube_models.CertificateSigningRequest):
        return CertificateSigningRequest.from_dict(resource.to_dict())

    msg = (
        "from_lightkube() takes a lightkube CertificateSigningRequest or "
        f"CertificateSigningRequestList, not {type(resource).__name__}"
    )
    raise TypeError(msg)
