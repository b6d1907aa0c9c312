"""
The metav1 types a CSR carries: ObjectMeta, ListMeta, OwnerReference and
ManagedFieldsEntry (k8s.io/apimachinery/pkg/apis/meta/v1).

Fields follow Go's types: a Go value field has its zero value as default (`""`,
`0`, an empty tuple or mapping), a Go pointer field defaults to `None`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from csrmodels._frozen import EMPTY, JSONValue
from csrmodels._model import WireModel, normalize

__all__ = [
    "ListMeta",
    "ManagedFieldsEntry",
    "ObjectMeta",
    "OwnerReference",
    "ShardInfo",
    "Status",
    "StatusCause",
    "StatusDetails",
]


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class OwnerReference(WireModel):
    """An object this one depends on; all four identifying fields are required."""

    api_version: str
    kind: str
    name: str
    uid: str
    controller: bool | None = None
    block_owner_deletion: bool | None = None
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        normalize(self, ("unknown_fields",), (), ())


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class ManagedFieldsEntry(WireModel):
    """
    One field manager's record of the fields it owns (server-side apply).

    `fields_v1` is the opaque `FieldsV1` trie, kept as a read-only JSON object.
    """

    manager: str = ""
    operation: str = ""
    api_version: str = ""
    time: datetime | None = None
    fields_type: str = ""
    fields_v1: Mapping[str, JSONValue] | None = None
    subresource: str = ""
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        normalize(self, ("fields_v1", "unknown_fields"), (), ("time",))


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class ObjectMeta(WireModel):
    """
    Metadata of a persisted object: name, labels, timestamps, owners.

    Attributes:
        name: the object's name (`metadata.name`), unique among CSRs.
        generate_name: a prefix from which the API server makes a unique name
            when `name` is empty.
        namespace: always empty for CSRs, which are cluster-scoped.
        self_link: deprecated; no longer set by the API server.
        uid: the identity the API server gives the object.
        resource_version: the version of the object an update is based on.
        generation: the server's count of spec changes.
        creation_timestamp: when the object was created (set by the server).
        deletion_timestamp: when deletion was requested, if it was.
        deletion_grace_period_seconds: the grace period of a pending deletion.
        labels: labels, for selectors.
        annotations: annotations, for tools.
        owner_references: the objects this one depends on.
        finalizers: what must happen before the object is deleted.
        managed_fields: server-side apply's record of field owners.
        unknown_fields: keys this library does not know, with their JSON values;
            `to_dict` writes them back.
    """

    name: str = ""
    generate_name: str = ""
    namespace: str = ""
    self_link: str = ""
    uid: str = ""
    resource_version: str = ""
    generation: int = 0
    creation_timestamp: datetime | None = None
    deletion_timestamp: datetime | None = None
    deletion_grace_period_seconds: int | None = None
    labels: Mapping[str, str] = EMPTY
    annotations: Mapping[str, str] = EMPTY
    owner_references: tuple[OwnerReference, ...] = ()
    finalizers: tuple[str, ...] = ()
    managed_fields: tuple[ManagedFieldsEntry, ...] = ()
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        normalize(
            self,
            ("labels", "annotations", "unknown_fields"),
            ("owner_references", "finalizers", "managed_fields"),
            ("creation_timestamp", "deletion_timestamp"),
        )


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class ShardInfo(WireModel):
    """
    The shard selector a sharded list was filtered by, echoed by the server.

    Alpha in Kubernetes 1.36 (feature gate ShardedListAndWatch).
    """

    selector: str
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        normalize(self, ("unknown_fields",), (), ())


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class ListMeta(WireModel):
    """
    Metadata of a list: its resource version, paging and sharding state.

    Attributes:
        self_link: deprecated; no longer set by the API server.
        resource_version: the version the list was read at; a watch from it
            sees every later change.
        continue_: the wire's `continue` token for the next page (`continue`
            is a Python keyword).
        remaining_item_count: how many items the following pages hold, when
            the server can tell.
        shard_info: the shard the list was filtered by, if any.
        unknown_fields: keys this library does not know, with their JSON values;
            `to_dict` writes them back.
    """

    self_link: str = ""
    resource_version: str = ""
    continue_: str = ""
    remaining_item_count: int | None = None
    shard_info: ShardInfo | None = None
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        normalize(self, ("unknown_fields",), (), ())


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class StatusCause(WireModel):
    """One cause of a failure: the field it concerns and why (`metav1.StatusCause`)."""

    reason: str = ""
    message: str = ""
    field: str = ""
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        normalize(self, ("unknown_fields",), (), ())


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class StatusDetails(WireModel):
    """What a failure concerns: the object, its causes, when to retry."""

    name: str = ""
    group: str = ""
    kind: str = ""
    uid: str = ""
    causes: tuple[StatusCause, ...] = ()
    retry_after_seconds: int = 0
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        normalize(self, ("unknown_fields",), ("causes",), ())


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class Status(WireModel):
    """
    The API server's account of a failed call (`metav1.Status`, kind `Status`).

    Attributes:
        status: `"Failure"` (or `"Success"`).
        message: a human-readable description.
        reason: a machine-readable word such as `"Expired"` or `"Gone"`.
        details: what the failure concerns, when the server says.
        code: the HTTP status code, such as 410.
        metadata: the list metadata the server sent, usually empty.
    """

    api_version: Literal["v1"] = field(default="v1", init=False)
    kind: Literal["Status"] = field(default="Status", init=False)
    metadata: ListMeta = ListMeta()
    status: str = ""
    message: str = ""
    reason: str = ""
    details: StatusDetails | None = None
    code: int = 0
    unknown_fields: Mapping[str, JSONValue] = EMPTY

    def __post_init__(self) -> None:
        normalize(self, ("unknown_fields",), (), ())

    def __str__(self) -> str:
        words = [str(self.code) if self.code else "", self.reason, self.message]
        return ": ".join(word for word in words if word) or "(empty status)"
