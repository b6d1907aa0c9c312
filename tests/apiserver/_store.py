"""
The server's storage: CSRs by name, a global resourceVersion, and the log of
watch events, guarded by one condition variable.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass

from csrmodels import CertificateSigningRequest
from tests.apiserver import _status


@dataclass(frozen=True)
class Event:
    """One watch event: its resourceVersion, type and the object at that time."""

    revision: int
    type: str
    object: CertificateSigningRequest


def _with_revision(
    csr: CertificateSigningRequest, revision: int
) -> CertificateSigningRequest:
    metadata = dataclasses.replace(csr.metadata, resource_version=str(revision))
    return dataclasses.replace(csr, metadata=metadata)


class Store:
    """Thread-safe storage of CSRs with an append-only event log."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._objects: dict[str, CertificateSigningRequest] = {}
        self._events: list[Event] = []
        self._revision = 1000

    @property
    def revision(self) -> int:
        """The resourceVersion of the latest change."""
        with self._changed:
            return self._revision

    def _record(
        self, kind: str, csr: CertificateSigningRequest
    ) -> CertificateSigningRequest:
        self._revision += 1
        stored = _with_revision(csr, self._revision)
        self._events.append(Event(self._revision, kind, stored))
        self._changed.notify_all()
        return stored

    def create(self, csr: CertificateSigningRequest) -> CertificateSigningRequest:
        """Store a new CSR; 409 AlreadyExists if the name is taken."""
        name = csr.metadata.name
        with self._changed:
            if name in self._objects:
                raise _status.already_exists(name)
            stored = self._record("ADDED", csr)
            self._objects[name] = stored
            return stored

    def get(self, name: str) -> CertificateSigningRequest:
        """The stored CSR; 404 NotFound if there is none."""
        with self._changed:
            try:
                return self._objects[name]
            except KeyError:
                raise _status.not_found(name) from None

    def snapshot(self) -> tuple[int, list[CertificateSigningRequest]]:
        """Every CSR in name order, with the resourceVersion they are current at."""
        with self._changed:
            return self._revision, [self._objects[k] for k in sorted(self._objects)]

    def update(
        self, csr: CertificateSigningRequest, expected_revision: str
    ) -> CertificateSigningRequest:
        """
        Replace a stored CSR; 409 Conflict if `expected_revision` is set and stale.

        An update that changes nothing keeps the resourceVersion and sends no
        event, as the API server does.
        """
        name = csr.metadata.name
        with self._changed:
            current = self.get(name)
            if (
                expected_revision
                and expected_revision != current.metadata.resource_version
            ):
                raise _status.conflict(name)
            if _with_revision(csr, 0) == _with_revision(current, 0):
                return current
            stored = self._record("MODIFIED", csr)
            self._objects[name] = stored
            return stored

    def delete(self, name: str) -> CertificateSigningRequest:
        """Remove a CSR and return its last state; 404 NotFound if there is none."""
        with self._changed:
            current = self.get(name)
            del self._objects[name]
            return self._record("DELETED", current)

    def events_after(self, revision: int, timeout: float) -> list[Event]:
        """Events newer than `revision`, waiting up to `timeout` s for the first."""
        with self._changed:
            self._changed.wait_for(
                lambda: bool(self._events) and self._events[-1].revision > revision,
                timeout=timeout,
            )
            return [event for event in self._events if event.revision > revision]

    def wake_watchers(self) -> None:
        """Wake every waiting watch, so that it notices the server stopping."""
        with self._changed:
            self._changed.notify_all()
