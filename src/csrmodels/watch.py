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
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias, TypeVar, cast, get_args

from csrmodels._csr import CertificateSigningRequest, CertificateSigningRequestSpec
from csrmodels._decode import load_json
from csrmodels._errors import DecodeError, DecodeProblem, short_repr
from csrmodels._meta import ListMeta, ObjectMeta
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
_INT32 = (-(2**31), 2**31 - 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusCause:
    """One cause of a failure: the field it concerns and why (`metav1.StatusCause`)."""

    reason: str = ""
    message: str = ""
    field: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusDetails:
    """What a failure concerns: the object, its causes, when to retry."""

    name: str = ""
    group: str = ""
    kind: str = ""
    uid: str = ""
    causes: tuple[StatusCause, ...] = ()
    retry_after_seconds: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Status:
    """
    The API server's account of a failed call (`metav1.Status`, kind `Status`).

    Attributes:
        status: `"Failure"` (or `"Success"`).
        message: a human-readable description.
        reason: a machine-readable word such as `"Expired"` or `"Gone"`.
        code: the HTTP status code, such as 410.
        details: what the failure concerns, when the server says.
        metadata: the list metadata the server sent, usually empty.
    """

    status: str = ""
    message: str = ""
    reason: str = ""
    code: int = 0
    details: StatusDetails | None = None
    metadata: ListMeta = field(default_factory=ListMeta)

    def __str__(self) -> str:
        words = [str(self.code) if self.code else "", self.reason, self.message]
        return ": ".join(word for word in words if word) or "(empty status)"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Status:
        """
        Decode a `metav1.Status` from its wire form.

        Raises:
            DecodeError: listing every problem, each with its JSON path.
        """
        reader = _Reader()
        status = reader.status(data, "")
        reader.raise_problems("Status")
        return status

    def to_dict(self) -> dict[str, Any]:
        """Encode to the wire form, leaving out unset fields as the server does."""
        out: dict[str, Any] = {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": self.metadata.to_dict(),
        }
        _put(out, "status", self.status)
        _put(out, "message", self.message)
        _put(out, "reason", self.reason)
        if self.details is not None:
            out["details"] = _details_dict(self.details)
        _put(out, "code", self.code)
        return out


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
            obj = reader.status(raw, "object")
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
    """Decodes the Status types by hand, collecting every problem."""

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

    def status(self, data: Any, path: str) -> Status:
        if not isinstance(data, Mapping):
            self.problem(path, "a JSON object", data)
            return Status()
        kind = data.get("kind")
        if kind not in (None, "Status"):
            self.problem(_at(path, "kind"), "Status", kind)
        details = data.get("details")
        metadata = self.nested(
            ListMeta, data.get("metadata") or {}, _at(path, "metadata")
        )
        return Status(
            status=self.string(data, "status", path),
            message=self.string(data, "message", path),
            reason=self.string(data, "reason", path),
            code=self.int32(data, "code", path),
            details=None
            if details is None
            else self.details(details, _at(path, "details")),
            metadata=metadata or ListMeta(),
        )

    def details(self, data: Any, path: str) -> StatusDetails:
        if not isinstance(data, Mapping):
            self.problem(path, "a JSON object", data)
            return StatusDetails()
        causes = data.get("causes") or []
        if not isinstance(causes, list | tuple):
            self.problem(_at(path, "causes"), "an array of objects", causes)
            causes = []
        return StatusDetails(
            name=self.string(data, "name", path),
            group=self.string(data, "group", path),
            kind=self.string(data, "kind", path),
            uid=self.string(data, "uid", path),
            causes=tuple(
                self.cause(cause, f"{path}.causes[{index}]")
                for index, cause in enumerate(causes)
            ),
            retry_after_seconds=self.int32(data, "retryAfterSeconds", path),
        )

    def cause(self, data: Any, path: str) -> StatusCause:
        if not isinstance(data, Mapping):
            self.problem(path, "a JSON object", data)
            return StatusCause()
        return StatusCause(
            reason=self.string(data, "reason", path),
            message=self.string(data, "message", path),
            field=self.string(data, "field", path),
        )

    def string(self, data: Mapping[str, Any], key: str, path: str) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if type(value) is not str:
            self.problem(_at(path, key), "a string", value)
            return ""
        return value

    def int32(self, data: Mapping[str, Any], key: str, path: str) -> int:
        value = data.get(key)
        if value is None:
            return 0
        if type(value) is not int or not _INT32[0] <= value <= _INT32[1]:
            self.problem(_at(path, key), "a 32-bit integer", value)
            return 0
        return value


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _put(out: dict[str, Any], key: str, value: object) -> None:
    if value:
        out[key] = value


def _details_dict(details: StatusDetails) -> dict[str, Any]:
    out: dict[str, Any] = {}
    _put(out, "name", details.name)
    _put(out, "group", details.group)
    _put(out, "kind", details.kind)
    _put(out, "uid", details.uid)
    causes = []
    for cause in details.causes:
        entry: dict[str, Any] = {}
        _put(entry, "reason", cause.reason)
        _put(entry, "message", cause.message)
        _put(entry, "field", cause.field)
        causes.append(entry)
    _put(out, "causes", causes)
    _put(out, "retryAfterSeconds", details.retry_after_seconds)
    return out
