"""Decoding the events of a watch on CSRs."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from csrmodels import CertificateSigningRequest, DecodeError
from csrmodels.watch import (
    Status,
    StatusCause,
    StatusDetails,
    WatchEvent,
    iter_events,
)

JANE = Path(__file__).parent.parent / "examples" / "jane-client-csr.json"

EXPIRED = {
    "kind": "Status",
    "apiVersion": "v1",
    "metadata": {},
    "status": "Failure",
    "message": "too old resource version: 4211 (48305)",
    "reason": "Expired",
    "code": 410,
}

# What the API server sends as a bookmark: an empty CSR but for its metadata.
BOOKMARK = {
    "kind": "CertificateSigningRequest",
    "apiVersion": "certificates.k8s.io/v1",
    "metadata": {
        "resourceVersion": "48305",
        "creationTimestamp": None,
        "annotations": {"k8s.io/initial-events-end": "true"},
    },
    "spec": {"request": None, "signerName": ""},
    "status": {},
}


def jane() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(JANE.read_text())
    return data


class TestWatchEvent:
    @pytest.mark.parametrize("event_type", ["ADDED", "MODIFIED", "DELETED"])
    def test_csr_event(self, event_type: str) -> None:
        """ADDED, MODIFIED and DELETED events carry the CSR."""
        line = json.dumps({"type": event_type, "object": jane()})

        event = WatchEvent.from_json(line)

        assert event.type == event_type
        assert event.object == CertificateSigningRequest.from_dict(jane())

    def test_error_event_carries_status(self) -> None:
        """An ERROR event carries the API server's Status."""
        event = WatchEvent.from_json(json.dumps({"type": "ERROR", "object": EXPIRED}))

        assert event.object == Status(
            status="Failure",
            message="too old resource version: 4211 (48305)",
            reason="Expired",
            code=410,
        )
        assert str(event.object) == (
            "410: Expired: too old resource version: 4211 (48305)"
        )

    def test_status_details_and_causes(self) -> None:
        """Status details and their causes are decoded."""
        data = dict(
            EXPIRED,
            details={
                "name": "jane",
                "kind": "certificatesigningrequests",
                "causes": [{"reason": "FieldValueInvalid", "field": "spec.usages"}],
                "retryAfterSeconds": 3,
            },
        )

        status = Status.from_dict(data)

        assert status.details == StatusDetails(
            name="jane",
            kind="certificatesigningrequests",
            causes=(StatusCause(reason="FieldValueInvalid", field="spec.usages"),),
            retry_after_seconds=3,
        )
        assert Status.from_dict(status.to_dict()) == status

    def test_status_is_a_model_like_the_others(self) -> None:
        """A Status keeps unknown fields and writes Go's key order back."""
        data = dict(EXPIRED, futureField={"a": 1})

        status = Status.from_dict(data)

        assert status.unknown_fields == {"futureField": {"a": 1}}
        assert list(status.to_dict()) == [*EXPIRED, "futureField"]
        assert Status.from_json(status.to_json()) == status

    def test_bookmark_keeps_the_resource_version(self) -> None:
        """A BOOKMARK decodes to a CSR with the metadata and an empty spec."""
        event = WatchEvent.from_dict({"type": "BOOKMARK", "object": BOOKMARK})

        assert isinstance(event.object, CertificateSigningRequest)
        assert event.object.metadata.resource_version == "48305"
        assert event.object.metadata.annotations == {
            "k8s.io/initial-events-end": "true"
        }
        assert event.object.spec.request == b""

    def test_round_trip(self) -> None:
        """to_dict gives back what from_dict read."""
        for data in (
            {"type": "ADDED", "object": jane()},
            {"type": "ERROR", "object": EXPIRED},
        ):
            event = WatchEvent.from_dict(data)
            assert WatchEvent.from_dict(event.to_dict()) == event

    def test_bytes_line(self) -> None:
        """A line may be bytes, as HTTP clients give it."""
        line = json.dumps({"type": "ADDED", "object": jane()}).encode()

        assert WatchEvent.from_json(line).type == "ADDED"

    def test_events_are_frozen_and_hashable(self) -> None:
        """Events are immutable values."""
        event = WatchEvent.from_dict({"type": "ERROR", "object": EXPIRED})

        assert hash(event) == hash(WatchEvent.from_dict(event.to_dict()))
        with pytest.raises(AttributeError):
            event.type = "ADDED"  # type: ignore[misc]


class TestWatchEventErrors:
    def test_csr_problems_have_object_prefix(self) -> None:
        """Problems in the CSR are reported under `object.`."""
        data = jane()
        data["spec"]["usages"] = [5]

        with pytest.raises(DecodeError) as caught:
            WatchEvent.from_dict({"type": "MODIFIED", "object": data})

        (problem,) = caught.value.problems
        assert problem.path == "object.spec.usages[0]"

    def test_status_problems_have_object_prefix(self) -> None:
        """Problems in a Status are reported under `object.`."""
        data = dict(EXPIRED, code="410", details={"causes": [{"field": 1}]})

        with pytest.raises(DecodeError) as caught:
            WatchEvent.from_dict({"type": "ERROR", "object": data})

        paths = [problem.path for problem in caught.value.problems]
        assert paths == ["object.code", "object.details.causes[0].field"]

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"type": "ADDDED", "object": {}}, r"type: expected one of ADDED"),
            ({"object": {}}, r"type: expected one of .*got null"),
            ({"type": "ADDED"}, r"object: expected a JSON object, got null"),
            ({"type": "ERROR", "object": {"kind": "Pod"}}, r"object.kind: expected"),
            ([], r"\(top level\): expected a JSON object"),
        ],
    )
    def test_bad_events(self, data: Any, message: str) -> None:
        """Bad events raise DecodeError naming the path."""
        with pytest.raises(DecodeError, match=message):
            WatchEvent.from_dict(data)

    def test_not_json(self) -> None:
        """A line that is not JSON is a DecodeError."""
        with pytest.raises(DecodeError, match="JSON text"):
            WatchEvent.from_json("{type: ADDED")

    def test_constructor_checks_the_object_type(self) -> None:
        """An ERROR event must carry a Status, any other event a CSR."""
        csr = CertificateSigningRequest.from_dict(jane())

        with pytest.raises(TypeError, match="ERROR event must be a Status"):
            WatchEvent("ERROR", csr)
        with pytest.raises(TypeError, match="ADDED event must be a Cert"):
            WatchEvent("ADDED", Status())
        with pytest.raises(ValueError, match="'ADD'"):
            WatchEvent("ADD", csr)  # type: ignore[arg-type]


class TestIterEvents:
    def test_stream_of_lines(self) -> None:
        """A watch body is decoded line by line, blank lines skipped."""
        body = "\n".join(
            [
                json.dumps({"type": "ADDED", "object": jane()}),
                "",
                json.dumps({"type": "BOOKMARK", "object": BOOKMARK}),
                json.dumps({"type": "ERROR", "object": EXPIRED}),
            ]
        )

        events = list(iter_events(io.StringIO(body)))

        assert [event.type for event in events] == ["ADDED", "BOOKMARK", "ERROR"]

    def test_bad_line_is_named(self) -> None:
        """The first bad line is reported with its number."""
        body = [json.dumps({"type": "ADDED", "object": jane()}), '{"type": 1}']

        with pytest.raises(DecodeError, match="line 2: type: expected"):
            list(iter_events(body))
