"""Hypothesis strategies for valid csrmodels objects and for junk wire values."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestList,
    CertificateSigningRequestSpec,
    CertificateSigningRequestStatus,
    ListMeta,
    ManagedFieldsEntry,
    ObjectMeta,
    OwnerReference,
    ShardInfo,
)

# Lone surrogates cannot be written as UTF-8 JSON; everything else can.
text = st.text(st.characters(codec="utf-8"), max_size=12)
short_list = st.lists(text, max_size=3).map(tuple)
int32 = st.integers(-(2**31), 2**31 - 1)
int64 = st.integers(-(2**63), 2**63 - 1)
# The wire carries whole seconds, so round trips need whole seconds.
times = st.datetimes(
    min_value=datetime(1, 1, 1),
    max_value=datetime(9999, 12, 31, 23, 59, 59),
    timezones=st.just(UTC),
).map(lambda moment: moment.replace(microsecond=0))
optional_times = st.none() | times

json_scalars = (
    st.none()
    | st.booleans()
    | int64
    | st.floats(allow_nan=False, allow_infinity=False)
    | text
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3)
    ),
    max_leaves=8,
)
json_objects = st.dictionaries(text, json_values, max_size=3)


def unknown_fields(*known: str) -> st.SearchStrategy[dict[str, Any]]:
    """Extra keys that no model field uses, with arbitrary JSON values."""
    reserved = {*known, "apiVersion", "kind"}
    keys = text.filter(lambda key: key not in reserved).map(lambda key: "x-" + key)
    return st.dictionaries(keys, json_values, max_size=2)


owner_references = st.builds(
    OwnerReference,
    api_version=text,
    kind=text,
    name=text,
    uid=text,
    controller=st.none() | st.booleans(),
    block_owner_deletion=st.none() | st.booleans(),
    unknown_fields=unknown_fields(),
)
managed_fields = st.builds(
    ManagedFieldsEntry,
    manager=text,
    operation=st.sampled_from(["", "Apply", "Update"]),
    api_version=text,
    time=optional_times,
    fields_type=text,
    fields_v1=st.none() | json_objects,
    subresource=text,
    unknown_fields=unknown_fields(),
)
object_meta = st.builds(
    ObjectMeta,
    name=text,
    generate_name=text,
    namespace=text,
    self_link=text,
    uid=text,
    resource_version=text,
    generation=int64,
    creation_timestamp=optional_times,
    deletion_timestamp=optional_times,
    deletion_grace_period_seconds=st.none() | int64,
    labels=st.dictionaries(text, text, max_size=3),
    annotations=st.dictionaries(text, text, max_size=3),
    owner_references=st.lists(owner_references, max_size=2).map(tuple),
    finalizers=short_list,
    managed_fields=st.lists(managed_fields, max_size=2).map(tuple),
    unknown_fields=unknown_fields(),
)
specs = st.builds(
    CertificateSigningRequestSpec,
    request=st.binary(max_size=40),
    signer_name=text,
    expiration_seconds=st.none() | int32,
    usages=short_list,
    username=text,
    uid=text,
    groups=short_list,
    extra=st.dictionaries(text, short_list, max_size=2),
    unknown_fields=unknown_fields(),
)
conditions = st.builds(
    CertificateSigningRequestCondition,
    type=st.sampled_from(["Approved", "Denied", "Failed"]) | text,
    status=st.sampled_from(["True", "False", "Unknown"]) | text,
    reason=text,
    message=text,
    last_update_time=optional_times,
    last_transition_time=optional_times,
    unknown_fields=unknown_fields(),
)
statuses = st.builds(
    CertificateSigningRequestStatus,
    conditions=st.lists(conditions, max_size=3).map(tuple),
    certificate=st.binary(max_size=40),
    unknown_fields=unknown_fields(),
)
csrs = st.builds(
    CertificateSigningRequest,
    metadata=object_meta,
    spec=specs,
    status=statuses,
    unknown_fields=unknown_fields(),
)
csr_lists = st.sampled_from(
    [("certificates.k8s.io/v1", "CertificateSigningRequestList"), ("v1", "List")]
).flatmap(
    lambda pair: st.builds(
        CertificateSigningRequestList,
        api_version=st.just(pair[0]),
        kind=st.just(pair[1]),
        metadata=st.builds(
            ListMeta,
            self_link=text,
            resource_version=text,
            continue_=text,
            remaining_item_count=st.none() | int64,
            shard_info=st.none()
            | st.builds(ShardInfo, selector=text, unknown_fields=unknown_fields()),
            unknown_fields=unknown_fields(),
        ),
        items=st.lists(csrs, max_size=2).map(tuple),
        unknown_fields=unknown_fields(),
    )
)


class _Usage(enum.StrEnum):
    CLIENT_AUTH = "client auth"


class _Seconds(enum.IntEnum):
    HOUR = 3600


# Values of every JSON type and some no JSON has, to put where they do not belong.
junk = json_values | st.sampled_from(
    [
        float("nan"),
        float("inf"),
        b"bytes",
        {1, 2},
        object(),
        datetime(2024, 1, 1),
        2**64,
        True,
        -1,
        "",
        "not base64!",
        "2024-13-01T00:00:00Z",
        {"nested": {"deeper": [None]}},
        [1, "two", None],
        _Usage.CLIENT_AUTH,
        [_Usage.CLIENT_AUTH],
        {_Usage.CLIENT_AUTH: "x"},
        _Seconds.HOUR,
    ]
)
