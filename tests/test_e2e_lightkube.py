"""
The whole CSR flow through the real lightkube `Client`, over HTTP on loopback,
against the test API server (`tests/apiserver`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from lightkube import ApiError, Client, KubeConfig
from lightkube.config.models import Cluster, User
from lightkube.resources.certificates_v1 import (
    CertificateSigningRequest as LightkubeCSR,
)

from csrmodels import (
    SIGNER_KUBE_APISERVER_CLIENT,
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestSpec,
    ObjectMeta,
    validation,
)
from csrmodels.interop.lightkube import from_lightkube, to_lightkube
from csrmodels.signer import Signer
from tests.apiserver import COLLECTION, TEST_USER, ApiServer
from tests.pki import TestCA, new_key, request_pem


@pytest.fixture
def client(api_server: ApiServer) -> Iterator[Client]:
    """A lightkube Client talking to the test API server, ignoring the env."""
    # KubeConfig.from_server gives a config without a user, which lightkube
    # 1.0.1's Client refuses ("Missing user"); the server ignores the token.
    config = KubeConfig.from_one(
        cluster=Cluster(server=api_server.url), user=User(token="e2e-test-token")
    )
    with Client(config, trust_env=False) as client:
        yield client


def _new_csr(name: str) -> CertificateSigningRequest:
    return CertificateSigningRequest(
        metadata=ObjectMeta(name=name),
        spec=CertificateSigningRequestSpec(
            request=request_pem(new_key(), "jane", ("developers",)),
            signer_name=SIGNER_KUBE_APISERVER_CLIENT,
            expiration_seconds=86400,
            usages=("digital signature", "client auth"),
        ),
    )


def _create(client: Client, name: str) -> CertificateSigningRequest:
    return from_lightkube(client.create(to_lightkube(_new_csr(name))))


def _approve(
    client: Client, csr: CertificateSigningRequest
) -> CertificateSigningRequest:
    approved = csr.approve(reason="E2EApproved", message="approved by the test")
    name = csr.metadata.name
    return from_lightkube(
        client.replace(to_lightkube(approved, subresource="approval"), name)
    )


class TestLightkubeFlow:
    """create -> approve -> watch -> sign -> get, all through lightkube."""

    def test_create_approve_sign_and_read_certificate(
        self, client: Client, api_server: ApiServer
    ) -> None:
        """A CSR goes from created to issued and its certificate is readable."""
        ca = TestCA()
        signer = Signer(ca.certificate, ca.key)

        created = _create(client, "jane")
        assert created.spec.username == TEST_USER.name
        assert created.metadata.uid
        assert created.is_pending

        _approve(client, created)

        seen = []
        for kind, resource in client.watch(
            LightkubeCSR,
            fields={"metadata.name": "jane"},
            resource_version=created.metadata.resource_version,
            server_timeout=10,
        ):
            csr = from_lightkube(resource)
            seen.append((kind, csr.is_approved, csr.is_issued))
            if csr.is_issued:
                break
            # The custom-signer loop: issue what is approved and not yet issued.
            client.replace(to_lightkube(signer.sign(csr), subresource="status"), "jane")

        issued = from_lightkube(client.get(LightkubeCSR, "jane"))
        leaf = x509.load_pem_x509_certificates(issued.status.certificate)[0]
        common_name = leaf.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        assert common_name[0].value == "jane"
        assert leaf.issuer == ca.certificate.subject
        assert seen == [("MODIFIED", True, False), ("MODIFIED", True, True)]
        assert [
            (method, path.split("?")[0]) for method, path, _ in api_server.requests[:2]
        ] == [
            ("POST", COLLECTION),
            ("PUT", f"{COLLECTION}/jane/approval"),
        ]

    def test_list_with_a_field_selector(self, client: Client) -> None:
        """Listing with a field selector returns only the matching CSRs."""
        for name in ("alice", "bob"):
            _create(client, name)

        names = [
            from_lightkube(item).metadata.name
            for item in client.list(LightkubeCSR, fields={"metadata.name": "bob"})
        ]

        assert names == ["bob"]


class TestLightkubeRefusals:
    """What the API server refuses surfaces as lightkube's own `ApiError`."""

    def test_approving_a_denied_csr_is_invalid(self, client: Client) -> None:
        """An Approved condition beside a Denied one is a 422 with its causes."""
        created = _create(client, "jane")
        denied = from_lightkube(
            client.replace(
                to_lightkube(created.deny(reason="NotOnCall"), subresource="approval"),
                "jane",
            )
        )
        # csrmodels itself refuses `denied.approve()`; build the object by hand.
        approval = CertificateSigningRequestCondition(type="Approved", status="True")
        both = dataclasses.replace(
            denied,
            status=dataclasses.replace(
                denied.status, conditions=(*denied.status.conditions, approval)
            ),
        )

        with pytest.raises(ApiError) as caught:
            client.replace(to_lightkube(both, subresource="approval"), "jane")

        status = caught.value.status
        assert (status.code, status.reason) == (422, "Invalid")
        assert status.details is not None
        assert status.details.causes is not None
        causes = [(c.reason, c.field) for c in status.details.causes]
        expected = validation.validate_approval_update(both, denied)
        assert causes == [(error.type.value, error.field) for error in expected]

    def test_stale_update_is_a_conflict(self, client: Client) -> None:
        """An update based on an old resourceVersion is lightkube's ApiError 409."""
        created = _create(client, "jane")
        _approve(client, created)
        labelled = dataclasses.replace(
            created,
            metadata=dataclasses.replace(created.metadata, labels={"team": "a"}),
        )

        with pytest.raises(ApiError) as caught:
            client.replace(to_lightkube(labelled))

        assert caught.value.status.code == 409
        assert caught.value.status.reason == "Conflict"

    def test_missing_csr_is_not_found(self, client: Client) -> None:
        """Reading a CSR that does not exist is lightkube's ApiError 404."""
        with pytest.raises(ApiError) as caught:
            client.get(LightkubeCSR, "nobody")

        assert caught.value.status.code == 404
        assert caught.value.status.message == (
            'certificatesigningrequests.certificates.k8s.io "nobody" not found'
        )
