"""
The wire schema: for every model field, its JSON name, kind and Go omission rule.

This table is the single place that knows the wire form. The decoder, the
encoder and the compiled fast path are all driven by it. Field order is Go's
struct order, which is the order the API server writes keys in.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass

from csrmodels._csr import (
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestList,
    CertificateSigningRequestSpec,
    CertificateSigningRequestStatus,
)
from csrmodels._meta import (
    ListMeta,
    ManagedFieldsEntry,
    ObjectMeta,
    OwnerReference,
    ShardInfo,
    Status,
    StatusCause,
    StatusDetails,
)
from csrmodels._model import WireModel

__all__ = ["SCHEMAS", "Emit", "Kind", "WireField"]


class Kind(enum.Enum):
    """How a field's value is written on the wire."""

    STRING = "a string"
    INT32 = "a 32-bit integer"
    INT64 = "a 64-bit integer"
    BOOL = "true or false"
    BYTES = "a base64 string"
    TIME = "an RFC 3339 time string"
    STRINGS = "an array of strings"
    STRING_MAP = "an object of strings"
    EXTRA = "an object of string arrays"
    JSON = "a JSON object"
    OBJECT = "an object"
    OBJECTS = "an array of objects"


class Emit(enum.Enum):
    """When `to_dict` writes a field, after Go's encoding/json."""

    OMITEMPTY = "omitempty"  # left out when zero: "", 0, None, empty
    ALWAYS = "always"  # no omitempty, or a struct value (never omitted by Go)
    NULL_WHEN_UNSET = "null"  # a metav1.Time value with omitempty: zero -> null


@dataclass(frozen=True, slots=True)
class WireField:
    """One field of a model as the wire sees it."""

    attr: str
    wire: str
    kind: Kind
    required: bool = False
    emit: Emit = Emit.OMITEMPTY
    model: type[WireModel] | None = None
    # The kind's name as a plain str, for the decoder's dispatch: reading
    # `kind.name` goes through Enum's Python-level property on every field.
    reader: str = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "reader", self.kind.name)


_S, _T, _B = Kind.STRING, Kind.TIME, Kind.BOOL
_ALWAYS, _NULL = Emit.ALWAYS, Emit.NULL_WHEN_UNSET

SCHEMAS: dict[type[WireModel], tuple[WireField, ...]] = {
    OwnerReference: (
        WireField("api_version", "apiVersion", _S, required=True, emit=_ALWAYS),
        WireField("kind", "kind", _S, required=True, emit=_ALWAYS),
        WireField("name", "name", _S, required=True, emit=_ALWAYS),
        WireField("uid", "uid", _S, required=True, emit=_ALWAYS),
        WireField("controller", "controller", _B),
        WireField("block_owner_deletion", "blockOwnerDeletion", _B),
    ),
    ManagedFieldsEntry: (
        WireField("manager", "manager", _S),
        WireField("operation", "operation", _S),
        WireField("api_version", "apiVersion", _S),
        WireField("time", "time", _T),
        WireField("fields_type", "fieldsType", _S),
        WireField("fields_v1", "fieldsV1", Kind.JSON),
        WireField("subresource", "subresource", _S),
    ),
    ObjectMeta: (
        WireField("name", "name", _S),
        WireField("generate_name", "generateName", _S),
        WireField("namespace", "namespace", _S),
        WireField("self_link", "selfLink", _S),
        WireField("uid", "uid", _S),
        WireField("resource_version", "resourceVersion", _S),
        WireField("generation", "generation", Kind.INT64),
        # omitzero since Kubernetes 1.34: an unset timestamp is left out.
        WireField("creation_timestamp", "creationTimestamp", _T),
        WireField("deletion_timestamp", "deletionTimestamp", _T),
        WireField(
            "deletion_grace_period_seconds", "deletionGracePeriodSeconds", Kind.INT64
        ),
        WireField("labels", "labels", Kind.STRING_MAP),
        WireField("annotations", "annotations", Kind.STRING_MAP),
        WireField(
            "owner_references", "ownerReferences", Kind.OBJECTS, model=OwnerReference
        ),
        WireField("finalizers", "finalizers", Kind.STRINGS),
        WireField(
            "managed_fields", "managedFields", Kind.OBJECTS, model=ManagedFieldsEntry
        ),
    ),
    ListMeta: (
        WireField("self_link", "selfLink", _S),
        WireField("resource_version", "resourceVersion", _S),
        WireField("continue_", "continue", _S),
        WireField("remaining_item_count", "remainingItemCount", Kind.INT64),
        WireField("shard_info", "shardInfo", Kind.OBJECT, model=ShardInfo),
    ),
    ShardInfo: (WireField("selector", "selector", _S, required=True, emit=_ALWAYS),),
    StatusCause: (
        WireField("reason", "reason", _S),
        WireField("message", "message", _S),
        WireField("field", "field", _S),
    ),
    StatusDetails: (
        WireField("name", "name", _S),
        WireField("group", "group", _S),
        WireField("kind", "kind", _S),
        WireField("uid", "uid", _S),
        WireField("causes", "causes", Kind.OBJECTS, model=StatusCause),
        WireField("retry_after_seconds", "retryAfterSeconds", Kind.INT32),
    ),
    # The Status of an ERROR watch event or a failed call (metav1.Status).
    Status: (
        WireField("metadata", "metadata", Kind.OBJECT, emit=_ALWAYS, model=ListMeta),
        WireField("status", "status", _S),
        WireField("message", "message", _S),
        WireField("reason", "reason", _S),
        WireField("details", "details", Kind.OBJECT, model=StatusDetails),
        WireField("code", "code", Kind.INT32),
    ),
    CertificateSigningRequestSpec: (
        WireField("request", "request", Kind.BYTES, required=True, emit=_ALWAYS),
        WireField("signer_name", "signerName", _S, required=True, emit=_ALWAYS),
        WireField("expiration_seconds", "expirationSeconds", Kind.INT32),
        WireField("usages", "usages", Kind.STRINGS),
        WireField("username", "username", _S),
        WireField("uid", "uid", _S),
        WireField("groups", "groups", Kind.STRINGS),
        WireField("extra", "extra", Kind.EXTRA),
    ),
    CertificateSigningRequestCondition: (
        WireField("type", "type", _S, required=True, emit=_ALWAYS),
        WireField("status", "status", _S, required=True, emit=_ALWAYS),
        WireField("reason", "reason", _S),
        WireField("message", "message", _S),
        WireField("last_update_time", "lastUpdateTime", _T, emit=_NULL),
        WireField("last_transition_time", "lastTransitionTime", _T, emit=_NULL),
    ),
    CertificateSigningRequestStatus: (
        WireField(
            "conditions",
            "conditions",
            Kind.OBJECTS,
            model=CertificateSigningRequestCondition,
        ),
        WireField("certificate", "certificate", Kind.BYTES),
    ),
    CertificateSigningRequest: (
        WireField("metadata", "metadata", Kind.OBJECT, emit=_ALWAYS, model=ObjectMeta),
        WireField(
            "spec",
            "spec",
            Kind.OBJECT,
            required=True,
            emit=_ALWAYS,
            model=CertificateSigningRequestSpec,
        ),
        WireField(
            "status",
            "status",
            Kind.OBJECT,
            emit=_ALWAYS,
            model=CertificateSigningRequestStatus,
        ),
    ),
    CertificateSigningRequestList: (
        WireField("metadata", "metadata", Kind.OBJECT, emit=_ALWAYS, model=ListMeta),
        # Required by the OpenAPI schema, but Go writes an empty list's items
        # as null and reads a missing key as empty: both decode to ().
        WireField(
            "items",
            "items",
            Kind.OBJECTS,
            emit=_ALWAYS,
            model=CertificateSigningRequest,
        ),
    ),
}

# apiVersion and kind of the top-level types: (allowed pairs, written by default).
TYPE_META: dict[type[WireModel], tuple[tuple[str, str], ...]] = {
    CertificateSigningRequest: (
        ("certificates.k8s.io/v1", "CertificateSigningRequest"),
    ),
    CertificateSigningRequestList: (
        ("certificates.k8s.io/v1", "CertificateSigningRequestList"),
        ("v1", "List"),
    ),
    Status: (("v1", "Status"),),
}
