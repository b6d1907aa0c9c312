"""
Events of a watch on CertificateSigningRequests, one JSON line each.

`GET /apis/certificates.k8s.io/v1/certificatesigningrequests?watch=1` answers
with a stream of `metav1.WatchEvent` objects, one per line:
`{"type": "ADDED", "object": {...}}`. The object is a CSR, except in an ERROR
event, where it is the API server's `Status` (for example 410 Gone when the
resource version asked for is too old and the client must list again).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias, TypeVar, cast, get_args

from csrmodels._csr import CertificateSigningRequest, CertificateSigningRequestSpec
from csrmodels._decode import load_json
from csrmodels._errors import DecodeError, DecodeProblem, short_repr
from csrmodels._meta import ObjectMeta, Status, StatusCause, StatusDetails
from csrmodels._model import WireModel

__all__ = [
    "EVENT_TYPES",
    "EventType",
    "Status",
    "StatusCause",
    "StatusDetails",
    "WatchEvent",
    "iter_events",
]

EventType: TypeAlias = Literal["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR"]
"""The `type` of a watch event."""
EVENT_TYPES: frozenset[str] = frozenset(get_args(EventType))
"""The five event types, as a set."""

_TYPE_NAME = "WatchEvent"
M = TypeVar("M", bound=WireModel)


@dataclass(frozen=True, slots=True)
class WatchEvent:
    """
    One event of a watch: what happened, and to what.

    Attributes:
        type: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.
        object: the CSR; for ERROR the server's `Status`. A BOOKMARK carries
            only `metadata` (its resource version): its CSR has an empty spec.
    """

    type: EventType
    object: CertificateSigningRequest | Status

    def __post_init__(self) -> None:
        if self.type not in EVENT_TYPES:
            msg = f"type must be one of {sorted(EVENT_TYPES)}, not {self.type!r}"
            raise ValueError(msg)
        wanted = Status if self.type == "ERROR" else CertificateSigningRequest
        if not isinstance(self.object, wanted):
            msg = (
                f"the object of a {self.type} event must be a {wanted.__name__}, "
                f"not {type(self.object).__name__}"
            )
            raise TypeError(msg)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WatchEvent:
        """
        Decode an event from its wire form (`{"type": ..., "object": ...}`).

        Raises:
            DecodeError: listing every problem, with paths such as
                `object.spec.usages[0]`.
        """
        reader = _Reader()
        if not isinstance(data, Mapping):
            reader.problem("", "a JSON object", data)
            reader.raise_problems("WatchEvent")

        event_type = data.get("type")
        if event_type not in EVENT_TYPES:
            expected = "one of " + ", ".join(sorted(EVENT_TYPES))
            reader.problem("type", expected, event_type)
        raw = data.get("object")
        if not isinstance(raw, Mapping):
            reader.problem("object", "a JSON object", raw)
        reader.raise_problems("WatchEvent")

        assert isinstance(raw, Mapping)
        obj: CertificateSigningRequest | Status | None
        if event_type == "ERROR":
            obj = reader.nested(Status, raw, "object")
        elif event_type == "BOOKMARK":
            obj = reader.bookmark(raw)
        else:
            obj = reader.nested(CertificateSigningRequest, raw, "object")
        reader.raise_problems("WatchEvent")
        assert obj is not None  # nested() gives None only with a problem
        return cls(cast("EventType", event_type), obj)

    @classmethod
    def from_json(cls, line: str | bytes) -> WatchEvent:
        """
        Decode one line of a watch stream.

        Raises:
            DecodeError: for text that is not JSON, and as `from_dict`.
        """
        return cls.from_dict(load_json(line, "WatchEvent"))

    def to_dict(self) -> dict[str, Any]:
        """Encode to the wire form, as the API server writes it."""
        return {"type": self.type, "object": self.object.to_dict()}


def iter_events(lines: Iterable[str | bytes]) -> Iterator[WatchEvent]:
    """
    Decode a watch stream line by line, skipping blank lines.

    Args:
        lines: the response body split into lines, such as a file object or
            an HTTP client's `iter_lines()`.

    Raises:
        DecodeError: for the first line that does not decode; its message
            starts with the line number.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield WatchEvent.from_json(line)
        except DecodeError as exc:
            line_at = f"line {number}"
            problems = tuple(
                DecodeProblem(
                    f"{line_at}: {p.path}" if p.path else line_at, p.expected, p.got
                )
                for p in exc.problems
            )
            raise DecodeError(_TYPE_NAME, problems) from None


class _Reader:
    """Decodes the parts of an event, collecting every problem under its path."""

    def __init__(self) -> None:
        self.problems: list[DecodeProblem] = []

    def problem(self, path: str, expected: str, value: object) -> None:
        self.problems.append(DecodeProblem(path, expected, short_repr(value)))

    def raise_problems(self, type_name: str) -> None:
        if self.problems:
            raise DecodeError(type_name, tuple(self.problems))

    def nested(self, cls: type[M], data: Any, path: str) -> M | None:
        try:
            return cls.from_dict(data)
        except DecodeError as exc:
            for problem in exc.problems:
                where = f"{path}.{problem.path}" if problem.path else path
                self.problems.append(
                    DecodeProblem(where, problem.expected, problem.got)
                )
            return None

    def bookmark(self, data: Mapping[str, Any]) -> CertificateSigningRequest:
        metadata = self.nested(
            ObjectMeta, data.get("metadata") or {}, "object.metadata"
        )
        return CertificateSigningRequest(
            metadata=metadata or ObjectMeta(),
            spec=CertificateSigningRequestSpec(request=b"", signer_name=""),
        )
