"""
Timestamps at full precision in a wire mapping bound for a client model.

The wire form carries `metav1.Time` to the second, but both clients hold
`datetime` values that keep microseconds. Putting the model's own datetimes back
into the wire mapping makes the conversion exact.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from csrmodels._csr import CertificateSigningRequest, CertificateSigningRequestList

__all__ = ["with_exact_times"]


def _put(target: dict[str, Any], key: str, value: datetime | None) -> None:
    if value is not None and value.microsecond:
        target[key] = value


def _exact_csr(csr: CertificateSigningRequest, wire: dict[str, Any]) -> None:
    metadata = csr.metadata
    wire_metadata = wire["metadata"]
    _put(wire_metadata, "creationTimestamp", metadata.creation_timestamp)
    _put(wire_metadata, "deletionTimestamp", metadata.deletion_timestamp)
    for entry, wire_entry in zip(
        metadata.managed_fields, wire_metadata.get("managedFields", ()), strict=True
    ):
        _put(wire_entry, "time", entry.time)

    wire_conditions = wire["status"].get("conditions", ())
    for condition, wire_condition in zip(
        csr.status.conditions, wire_conditions, strict=True
    ):
        _put(wire_condition, "lastUpdateTime", condition.last_update_time)
        _put(wire_condition, "lastTransitionTime", condition.last_transition_time)


def with_exact_times(
    obj: CertificateSigningRequest | CertificateSigningRequestList,
    wire: dict[str, Any],
) -> dict[str, Any]:
    """
    Replace the timestamps in `wire` (the result of `obj.to_dict()`) that lost a
    fraction of a second with the model's own `datetime` values.

    Returns `wire`, changed in place.
    """
    if isinstance(obj, CertificateSigningRequestList):
        for item, wire_item in zip(obj.items, wire["items"], strict=True):
            _exact_csr(item, wire_item)
    else:
        _exact_csr(obj, wire)

    return wire
