"""
The HTTP side: routing, JSON bodies, chunked watch streams, and the lifecycle
of a `ThreadingHTTPServer` bound to a loopback port.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestList,
    DecodeError,
    ListMeta,
)
from tests.apiserver import _selectors, _status, _strategy
from tests.apiserver._store import Store

COLLECTION = "/apis/certificates.k8s.io/v1/certificatesigningrequests"
_MAX_BODY = 1 << 20
_IDLE_TIMEOUT = 10.0  # seconds a keep-alive connection may sit idle
_WATCH_POLL = 0.1  # seconds between checks of a watch's deadline and of stop


class Validation(Protocol):
    """The four validators of `csrmodels.validation` (a module satisfies it)."""

    def validate_create(
        self, csr: CertificateSigningRequest
    ) -> Sequence[_status.FieldErrorLike]: ...

    def validate_update(
        self, new: CertificateSigningRequest, old: CertificateSigningRequest
    ) -> Sequence[_status.FieldErrorLike]: ...

    def validate_status_update(
        self, new: CertificateSigningRequest, old: CertificateSigningRequest
    ) -> Sequence[_status.FieldErrorLike]: ...

    def validate_approval_update(
        self, new: CertificateSigningRequest, old: CertificateSigningRequest
    ) -> Sequence[_status.FieldErrorLike]: ...


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, app: ApiServer) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.app = app
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)


class ApiServer:
    """
    A small kube-apiserver for certificatesigningrequests on 127.0.0.1.

    It serves create, get, list, watch, update, `/status`, `/approval` and
    delete with the registry strategy of the real server, validates with
    `validation` (the `csrmodels.validation` module, or a stand-in), and answers
    errors with `metav1.Status` objects.

    Attributes:
        store: the stored objects, for tests that look behind the API.
        requests: `(method, path, code)` of every request served, in order.
    """

    def __init__(
        self,
        *,
        validation: Validation,
        user: _strategy.User,
        max_watch_seconds: float = 30.0,
    ) -> None:
        self.store = Store()
        self.requests: list[tuple[str, str, int]] = []
        self.validation = validation
        self.user = user
        self.max_watch_seconds = max_watch_seconds
        self.stopping = threading.Event()
        self._http = _HTTPServer(self)
        self._thread = threading.Thread(
            target=self._http.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="csrmodels-test-apiserver",
            daemon=True,
        )

    @property
    def url(self) -> str:
        """The base URL, `http://127.0.0.1:<port>`."""
        host, port = self._http.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> ApiServer:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, end every watch and cut every open connection."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        self.store.wake_watchers()
        self._http.shutdown()
        self._http.server_close()
        with self._http.sockets_lock:
            open_sockets = list(self._http.open_sockets)
        for sock in open_sockets:
            # A socket the client closed already cannot be shut down again.
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)

    def __enter__(self) -> ApiServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def now(self) -> datetime:
        """The server's clock, to the second as metav1.Time stores it."""
        return datetime.now(UTC).replace(microsecond=0)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = _IDLE_TIMEOUT
    server: _HTTPServer
    _body_read = False

    # Routing.

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean; `ApiServer.requests` records requests."""

    def _dispatch(self, method: str) -> None:
        self._body_read = False
        url = urlsplit(self.path)
        query = {key: values[-1] for key, values in parse_qs(url.query).items()}
        path = url.path.rstrip("/")
        try:
            if path == COLLECTION:
                self._collection(method, query)
            elif path.startswith(COLLECTION + "/"):
                name, _, subresource = path[len(COLLECTION) + 1 :].partition("/")
                self._item(method, name, subresource)
            else:
                raise _status.failure(
                    404, "NotFound", "the server could not find the requested resource"
                )
        except _status.ApiStatusError as refusal:
            self._drain_body()
            self._send_json(refusal.code, refusal.status)

    def _collection(self, method: str, query: dict[str, str]) -> None:
        if method == "GET" and query.get("watch") in ("true", "1"):
            self._watch(query)
        elif method == "GET":
            self._send_json(200, self._list(query))
        elif method == "POST":
            self._send_json(201, self._create())
        else:
            raise _method_not_allowed(method)

    def _item(self, method: str, name: str, subresource: str) -> None:
        if subresource not in ("", "status", "approval"):
            raise _status.failure(
                404, "NotFound", "the server could not find the requested resource"
            )
        app = self.server.app
        if method == "GET":
            self._send_json(200, app.store.get(name).to_dict())
        elif method == "PUT":
            self._send_json(200, self._update(name, subresource))
        elif method == "DELETE" and not subresource:
            deleted = app.store.delete(name)
            self._send_json(200, _status.success(name, deleted.metadata.uid))
        else:
            raise _method_not_allowed(method)

    # Requests.

    def _read_csr(self) -> CertificateSigningRequest:
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            raise _status.failure(413, "RequestEntityTooLarge", "request is too large")
        body = self.rfile.read(length)
        self._body_read = True
        try:
            return CertificateSigningRequest.from_json(body)
        except DecodeError as exc:
            raise _status.bad_request(str(exc)) from None

    def _drain_body(self) -> None:
        # An unread body would be taken for the next request on the connection.
        length = int(self.headers.get("Content-Length") or 0)
        if 0 < length <= _MAX_BODY and not self._body_read:
            self.rfile.read(length)
        self._body_read = True

    def _create(self) -> dict[str, Any]:
        app = self.server.app
        incoming = self._read_csr()
        csr = _strategy.prepare_create(incoming, user=app.user, now=app.now())
        errors = app.validation.validate_create(csr)
        if errors:
            raise _status.invalid(csr.metadata.name, errors)
        return app.store.create(csr).to_dict()

    def _update(self, name: str, subresource: str) -> dict[str, Any]:
        app = self.server.app
        incoming = self._read_csr()
        if incoming.metadata.name != name:
            message = (
                f"the name of the object ({incoming.metadata.name}) does not match "
                f"the name on the URL ({name})"
            )
            raise _status.bad_request(message)

        old = app.store.get(name)
        validation = app.validation
        if subresource == "status":
            new = _strategy.prepare_status_update(incoming, old, app.now())
            errors = validation.validate_status_update(new, old)
        elif subresource == "approval":
            new = _strategy.prepare_approval_update(incoming, old, app.now())
            errors = validation.validate_approval_update(new, old)
        else:
            new = _strategy.prepare_update(incoming, old)
            errors = validation.validate_update(new, old)
        if errors:
            raise _status.invalid(name, errors)

        return app.store.update(new, incoming.metadata.resource_version).to_dict()

    def _list(self, query: dict[str, str]) -> dict[str, Any]:
        matches = _filter(query)
        revision, objects = self.server.app.store.snapshot()
        items = [csr for csr in objects if matches(csr)]

        start = query.get("continue", "")
        items = [csr for csr in items if csr.metadata.name > start]
        limit = int(query.get("limit") or 0)
        next_token = ""
        if 0 < limit < len(items):
            items = items[:limit]
            next_token = items[-1].metadata.name

        listing = CertificateSigningRequestList(
            metadata=ListMeta(resource_version=str(revision), continue_=next_token),
            items=tuple(items),
        )
        return listing.to_dict()

    def _watch(self, query: dict[str, str]) -> None:
        app = self.server.app
        matches = _filter(query)
        limit = min(float(query.get("timeoutSeconds") or "inf"), app.max_watch_seconds)
        deadline = time.monotonic() + limit

        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self._log(200)

        since = query.get("resourceVersion", "")
        if since in ("", "0"):
            # No starting point: every current object first, as ADDED.
            revision, objects = app.store.snapshot()
            for csr in objects:
                if matches(csr) and not self._send_event("ADDED", csr):
                    return
        else:
            revision = int(since)

        while not app.stopping.is_set() and time.monotonic() < deadline:
            for event in app.store.events_after(revision, timeout=_WATCH_POLL):
                revision = event.revision
                if matches(event.object) and not self._send_event(
                    event.type, event.object
                ):
                    return
        self._write_chunk(b"")
        self.close_connection = True

    # Responses.

    def _send_event(self, kind: str, csr: CertificateSigningRequest) -> bool:
        line = json.dumps({"type": kind, "object": csr.to_dict()}) + "\n"
        return self._write_chunk(line.encode())

    def _write_chunk(self, data: bytes) -> bool:
        try:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()
        except OSError:
            self.close_connection = True
            return False
        return True

    def _send_json(self, code: int, body: dict[str, Any]) -> None:
        payload = json.dumps(body).encode() + b"\n"
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        self._log(code)

    def _log(self, code: int) -> None:
        self.server.app.requests.append((self.command, self.path, code))


def _filter(query: dict[str, str]) -> _selectors.Predicate:
    by_field = _selectors.field_selector(query.get("fieldSelector", ""))
    by_label = _selectors.label_selector(query.get("labelSelector", ""))
    return lambda csr: by_field(csr) and by_label(csr)


def _method_not_allowed(method: str) -> _status.ApiStatusError:
    message = f"the test API server does not serve {method} on this path"
    return _status.failure(405, "MethodNotAllowed", message)
