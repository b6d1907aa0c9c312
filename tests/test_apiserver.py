"""The test API server behaves as kube-apiserver does for CSRs, over raw HTTP."""

from __future__ import annotations

import dataclasses
import http.client
import json
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestStatus,
)
from tests.apiserver import COLLECTION, TEST_USER, ApiServer
from tests.samples import issued_csr, pending_csr


def _call(
    server: ApiServer, method: str, path: str, body: Any = None
) -> tuple[int, Any]:
    """Send one request; return the status code and the decoded JSON body."""
    address = urlsplit(server.url)
    connection = http.client.HTTPConnection(
        address.hostname or "", address.port, timeout=10
    )
    try:
        payload = None if body is None else json.dumps(body)
        headers = {"Content-Type": "application/json"} if payload else {}
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def _watch_lines(server: ApiServer, query: str) -> Iterator[dict[str, Any]]:
    address = urlsplit(server.url)
    connection = http.client.HTTPConnection(
        address.hostname or "", address.port, timeout=10
    )
    try:
        connection.request("GET", f"{COLLECTION}?watch=true&{query}")
        response = connection.getresponse()
        assert response.status == 200
        for line in response:
            yield json.loads(line)
    finally:
        connection.close()


def _create(server: ApiServer, csr: CertificateSigningRequest) -> dict[str, Any]:
    code, body = _call(server, "POST", COLLECTION, csr.to_dict())
    assert code == 201, body
    return body  # type: ignore[no-any-return]


class TestCreate:
    """POST applies the create strategy of the CSR registry."""

    def test_server_owned_fields_are_filled(self, api_server: ApiServer) -> None:
        """Identity, uid, timestamps and resourceVersion come from the server."""
        body = _create(api_server, issued_csr("jane"))

        created = CertificateSigningRequest.from_dict(body)
        assert created.spec.username == TEST_USER.name
        assert created.spec.groups == TEST_USER.groups
        assert created.status == CertificateSigningRequestStatus()
        assert created.metadata.uid != issued_csr().metadata.uid
        assert created.metadata.creation_timestamp is not None
        assert created.metadata.resource_version.isdigit()

    def test_generate_name(self, api_server: ApiServer) -> None:
        """An empty name is generated from generateName plus five characters."""
        csr = pending_csr("")
        csr = dataclasses.replace(
            csr, metadata=dataclasses.replace(csr.metadata, generate_name="jane-")
        )

        name = _create(api_server, csr)["metadata"]["name"]

        assert name.startswith("jane-")
        assert len(name) == len("jane-") + 5

    def test_existing_name_is_already_exists(self, api_server: ApiServer) -> None:
        """A second create of a name answers 409 with an AlreadyExists Status."""
        _create(api_server, pending_csr("jane"))

        code, body = _call(
            api_server, "POST", COLLECTION, pending_csr("jane").to_dict()
        )

        assert code == 409
        assert body == {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": (
                'certificatesigningrequests.certificates.k8s.io "jane" already exists'
            ),
            "reason": "AlreadyExists",
            "details": {
                "name": "jane",
                "group": "certificates.k8s.io",
                "kind": "certificatesigningrequests",
            },
            "code": 409,
        }

    def test_undecodable_body_is_bad_request(self, api_server: ApiServer) -> None:
        """A body csrmodels cannot decode is a 400 naming the field."""
        body = pending_csr().to_dict()
        body["spec"]["usages"] = "client auth"

        code, status = _call(api_server, "POST", COLLECTION, body)

        assert (code, status["reason"]) == (400, "BadRequest")
        assert "spec.usages" in status["message"]


class TestUpdate:
    """PUT on the object and its subresources applies their strategies."""

    def test_main_update_keeps_only_metadata(self, api_server: ApiServer) -> None:
        """Spec and status edits are dropped; a label change is kept."""
        stored = _create(api_server, pending_csr("jane"))
        edited = json.loads(json.dumps(stored))
        edited["metadata"]["labels"] = {"team": "b"}
        edited["spec"]["usages"] = ["server auth"]
        edited["status"] = {"conditions": [{"type": "Approved", "status": "True"}]}

        code, body = _call(api_server, "PUT", f"{COLLECTION}/jane", edited)

        assert code == 200
        assert body["metadata"]["labels"] == {"team": "b"}
        assert body["spec"] == stored["spec"]
        assert body["status"] == stored["status"]
        assert int(body["metadata"]["resourceVersion"]) > int(
            stored["metadata"]["resourceVersion"]
        )

    def test_update_changing_nothing_keeps_resource_version(
        self, api_server: ApiServer
    ) -> None:
        """A no-op update is answered with the stored object, unchanged."""
        stored = _create(api_server, pending_csr("jane"))

        code, body = _call(api_server, "PUT", f"{COLLECTION}/jane", stored)

        assert (code, body) == (200, stored)

    def test_approval_drops_certificate_and_fills_times(
        self, api_server: ApiServer
    ) -> None:
        """/approval takes only the conditions, with their timestamps filled."""
        stored = _create(api_server, pending_csr("jane"))
        sent = {**stored, "status": issued_csr("jane").to_dict()["status"]}
        sent["status"]["conditions"] = [{"type": "Approved", "status": "True"}]

        code, body = _call(api_server, "PUT", f"{COLLECTION}/jane/approval", sent)

        assert code == 200
        assert "certificate" not in body["status"]
        condition = body["status"]["conditions"][0]
        assert condition["lastUpdateTime"] == condition["lastTransitionTime"]
        assert condition["lastUpdateTime"].endswith("Z")

    def test_status_keeps_stored_approval(self, api_server: ApiServer) -> None:
        """/status cannot edit an existing Approved condition: it is restored."""
        stored = _create(api_server, pending_csr("jane"))
        approval = {"type": "Approved", "status": "True", "reason": "Ok"}
        _, approved = _call(
            api_server,
            "PUT",
            f"{COLLECTION}/jane/approval",
            {**stored, "status": {"conditions": [approval]}},
        )
        edited = json.loads(json.dumps(approved))
        edited["status"]["conditions"][0]["reason"] = "Rewritten"

        code, body = _call(api_server, "PUT", f"{COLLECTION}/jane/status", edited)

        assert code == 200
        assert body["status"]["conditions"][0]["reason"] == "Ok"

    def test_stale_resource_version_is_conflict(self, api_server: ApiServer) -> None:
        """An update based on an older object answers 409 Conflict."""
        stored = _create(api_server, pending_csr("jane"))
        _call(
            api_server,
            "PUT",
            f"{COLLECTION}/jane",
            {**stored, "metadata": {**stored["metadata"], "labels": {"v": "1"}}},
        )

        code, body = _call(api_server, "PUT", f"{COLLECTION}/jane", stored)

        assert (code, body["reason"]) == (409, "Conflict")

    def test_name_must_match_url(self, api_server: ApiServer) -> None:
        """The object's name and the URL's name must agree."""
        _create(api_server, pending_csr("jane"))

        code, body = _call(
            api_server, "PUT", f"{COLLECTION}/jane", pending_csr("bob").to_dict()
        )

        assert code == 400
        assert "does not match the name on the URL" in body["message"]


class TestInvalid:
    """csrmodels.validation refusals come back as 422 Invalid with causes."""

    def test_causes_list_each_field_error(self, api_server: ApiServer) -> None:
        """Each error is a cause; the message lists them all in brackets."""
        csr = pending_csr("jane")
        csr = dataclasses.replace(
            csr,
            spec=dataclasses.replace(
                csr.spec, usages=("client auth", "bogus", "client auth")
            ),
        )

        code, body = _call(api_server, "POST", COLLECTION, csr.to_dict())

        assert code == 422
        assert body["reason"] == "Invalid"
        assert body["message"].startswith(
            'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: '
            '[spec.usages[1]: Unsupported value: "bogus": supported values: "any", '
        )
        assert body["message"].endswith(
            ', spec.usages[2]: Duplicate value: "client auth"]'
        )
        causes = body["details"]["causes"]
        assert [(c["reason"], c["field"]) for c in causes] == [
            ("FieldValueNotSupported", "spec.usages[1]"),
            ("FieldValueDuplicate", "spec.usages[2]"),
        ]
        assert causes[1]["message"] == 'Duplicate value: "client auth"'

    def test_approving_a_denied_csr(self, api_server: ApiServer) -> None:
        """An Approved condition next to a Denied one is refused, unbracketed."""
        stored = CertificateSigningRequest.from_dict(
            _create(api_server, pending_csr("jane"))
        )
        _, denied = _call(
            api_server,
            "PUT",
            f"{COLLECTION}/jane/approval",
            stored.deny(reason="NotOnCall").to_dict(),
        )
        conditions = denied["status"]["conditions"]
        conditions.append({"type": "Approved", "status": "True"})

        code, body = _call(api_server, "PUT", f"{COLLECTION}/jane/approval", denied)

        assert code == 422
        assert body["message"] == (
            'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: '
            'status.conditions: Invalid value: "Approved": Approved and Denied '
            "conditions are mutually exclusive"
        )


class TestRoutes:
    """What the server does not serve is refused with a Status, not a hang."""

    def test_unknown_path_is_not_found(self, api_server: ApiServer) -> None:
        """Any other path is a 404 Status."""
        code, body = _call(api_server, "GET", "/api/v1/pods")

        assert (code, body["kind"], body["reason"]) == (404, "Status", "NotFound")

    def test_patch_is_method_not_allowed(self, api_server: ApiServer) -> None:
        """PATCH is not served: 405 MethodNotAllowed."""
        _create(api_server, pending_csr("jane"))

        code, body = _call(api_server, "PATCH", f"{COLLECTION}/jane", {})

        assert (code, body["reason"]) == (405, "MethodNotAllowed")

    def test_unsupported_field_selector_is_bad_request(
        self, api_server: ApiServer
    ) -> None:
        """Only the fields the CSR registry indexes can be selected on."""
        code, body = _call(api_server, "GET", f"{COLLECTION}?fieldSelector=status.x=1")

        assert (code, body["message"]) == (400, "field label not supported: status.x")

    def test_list_pages_with_limit_and_continue(self, api_server: ApiServer) -> None:
        """`limit` cuts the list and `continue` resumes after it."""
        for name in ("a", "b", "c"):
            _create(api_server, pending_csr(name))

        _, first = _call(api_server, "GET", f"{COLLECTION}?limit=2")
        token = first["metadata"]["continue"]
        _, rest = _call(api_server, "GET", f"{COLLECTION}?limit=2&continue={token}")

        assert [item["metadata"]["name"] for item in first["items"]] == ["a", "b"]
        assert [item["metadata"]["name"] for item in rest["items"]] == ["c"]


class TestWatch:
    """Watch streams events and always ends."""

    def test_starts_with_current_objects_and_ends_on_timeout(
        self, api_server: ApiServer
    ) -> None:
        """Without a resourceVersion, current objects come first as ADDED."""
        _create(api_server, pending_csr("jane"))
        started = time.monotonic()

        events = list(_watch_lines(api_server, "timeoutSeconds=1"))

        assert [(e["type"], e["object"]["metadata"]["name"]) for e in events] == [
            ("ADDED", "jane")
        ]
        assert time.monotonic() - started < 5

    def test_stop_ends_an_open_watch(self, api_server: ApiServer) -> None:
        """Stopping the server ends a watch that has no timeout."""
        stored = _create(api_server, pending_csr("jane"))
        revision = stored["metadata"]["resourceVersion"]
        lines = _watch_lines(api_server, f"resourceVersion={revision}")
        _call(api_server, "DELETE", f"{COLLECTION}/jane")

        first = next(lines)
        api_server.stop()

        assert first["type"] == "DELETED"
        assert list(lines) == []
