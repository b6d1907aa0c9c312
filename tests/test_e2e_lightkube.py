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
)
from csrmodels.interop.lightkube import from_lightkube, to_lightkube
from tests.apiserver import TEST_USER, ApiServer
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


def _approved(csr: CertificateSigningRequest) -> CertificateSigningRequest:
    condition = CertificateSigningRequestCondition(
        type="Approved",
        status="True",
        reason="E2EApproved",
        message="approved by the end-to-end test",
    )
    status = dataclasses.replace(
        csr.status, conditions=(*csr.status.conditions, condition)
    )
    return dataclasses.replace(csr, status=status)


class TestLightkubeFlow:
    """create -> approve -> watch -> sign -> get, all through lightkube."""

    def test_create_approve_sign_and_read_certificate(
        self, client: Client, api_server: ApiServer
    ) -> None:
        """A CSR goes from created to issued and its certificate is readable."""
        ca = TestCA()

        created = from_lightkube(client.create(to_lightkube(_new_csr("jane"))))
        assert created.spec.username == TEST_USER.name
        assert created.metadata.uid
        assert created.status.conditions == ()

        client.replace(to_lightkube(_approved(created), subresource="approval"), "jane")

        seen = []
        for kind, resource in client.watch(
            LightkubeCSR,
            fields={"metadata.name": "jane"},
            resource_version=created.metadata.resource_version,
            server_timeout=10,
        ):
            csr = from_lightkube(resource)
            seen.append((kind, [c.type for c in csr.status.conditions]))
            if csr.status.certificate:
                break
            # The custom-signer loop: issue what is approved and not yet issued.
            signed = dataclasses.replace(
                csr,
                status=dataclasses.replace(
                    csr.status, certificate=ca.issue(csr.spec.request)
                ),
            )
            client.replace(to_lightkube(signed, subresource="status"), "jane")

        issued = from_lightkube(client.get(LightkubeCSR, "jane"))
        leaf = x509.load_pem_x509_certificates(issued.status.certificate)[0]
        common_name = leaf.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        assert common_name[0].value == "jane"
        assert seen == [("MODIFIED", ["Approved"]), ("MODIFIED", ["Approved"])]
        assert issued.status.conditions[0].last_update_time is not None
        assert [(m, p.split("?")[0]) for m, p, _ in api_server.requests[:2]] == [
            ("POST", "/apis/certificates.k8s.io/v1/certificatesigningrequests"),
            (
                "PUT",
                "/apis/certificates.k8s.io/v1/certificatesigningrequests/jane/approval",
            ),
        ]

    def test_list_returns_csrmodels_objects(self, client: Client) -> None:
        """Listing with a field selector returns only the matching CSRs."""
        for name in ("alice", "bob"):
            client.create(to_lightkube(_new_csr(name)))

        names = [
            from_lightkube(item).metadata.name
            for item in client.list(LightkubeCSR, fields={"metadata.name": "bob"})
        ]

        assert names == ["bob"]

    def test_stale_update_is_a_conflict(self, client: Client) -> None:
        """An update based on an old resourceVersion is lightkube's ApiError 409."""
        created = from_lightkube(client.create(to_lightkube(_new_csr("jane"))))
        client.replace(to_lightkube(_approved(created), subresource="approval"), "jane")
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
