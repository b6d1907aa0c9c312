"""
The whole CSR flow through the official `kubernetes` client, over HTTP on
loopback, against the test API server (`tests/apiserver`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from kubernetes.client import ApiClient, CertificatesV1Api, Configuration
from kubernetes.client.exceptions import ApiException
from kubernetes.watch import Watch

from csrmodels import (
    SIGNER_KUBE_APISERVER_CLIENT,
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestSpec,
    ObjectMeta,
)
from csrmodels.interop.kubernetes import from_kubernetes, to_kubernetes
from tests.apiserver import TEST_USER, ApiServer
from tests.pki import TestCA, new_key, request_pem


@pytest.fixture
def certificates(api_server: ApiServer) -> Iterator[CertificatesV1Api]:
    """`CertificatesV1Api` talking to the test API server."""
    configuration = Configuration(host=api_server.url)
    with ApiClient(configuration) as api_client:
        yield CertificatesV1Api(api_client)


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


class TestKubernetesFlow:
    """create -> approve -> watch -> sign -> get, all through `kubernetes`."""

    def test_create_approve_sign_and_read_certificate(
        self, certificates: CertificatesV1Api
    ) -> None:
        """A CSR goes from created to issued and its certificate is readable."""
        ca = TestCA()

        created = from_kubernetes(
            certificates.create_certificate_signing_request(
                to_kubernetes(_new_csr("jane"))
            )
        )
        assert created.spec.username == TEST_USER.name
        assert created.status.conditions == ()

        certificates.replace_certificate_signing_request_approval(
            "jane", to_kubernetes(_approved(created))
        )

        seen = []
        # kubernetes.watch is not annotated.
        watch = Watch()  # type: ignore[no-untyped-call]
        for event in watch.stream(  # type: ignore[no-untyped-call]
            certificates.list_certificate_signing_request,
            field_selector="metadata.name=jane",
            resource_version=created.metadata.resource_version,
            timeout_seconds=10,
        ):
            # The raw object decodes without the client's model in between.
            csr = CertificateSigningRequest.from_dict(event["raw_object"])
            assert from_kubernetes(event["object"]) == csr
            seen.append((event["type"], [c.type for c in csr.status.conditions]))
            if csr.status.certificate:
                break
            signed = dataclasses.replace(
                csr,
                status=dataclasses.replace(
                    csr.status, certificate=ca.issue(csr.spec.request)
                ),
            )
            certificates.replace_certificate_signing_request_status(
                "jane", to_kubernetes(signed)
            )

        issued = from_kubernetes(certificates.read_certificate_signing_request("jane"))
        leaf = x509.load_pem_x509_certificates(issued.status.certificate)[0]
        common_name = leaf.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        assert common_name[0].value == "jane"
        assert seen == [("MODIFIED", ["Approved"]), ("MODIFIED", ["Approved"])]

    def test_list_returns_csrmodels_objects(
        self, certificates: CertificatesV1Api
    ) -> None:
        """The list model converts to a csrmodels list, item by item."""
        for name in ("alice", "bob"):
            certificates.create_certificate_signing_request(
                to_kubernetes(_new_csr(name))
            )

        listing = from_kubernetes(certificates.list_certificate_signing_request())

        assert [csr.metadata.name for csr in listing.items] == ["alice", "bob"]
        assert listing.metadata.resource_version

    def test_stale_update_is_a_conflict(self, certificates: CertificatesV1Api) -> None:
        """An update based on an old resourceVersion is an ApiException 409."""
        created = from_kubernetes(
            certificates.create_certificate_signing_request(
                to_kubernetes(_new_csr("jane"))
            )
        )
        certificates.replace_certificate_signing_request_approval(
            "jane", to_kubernetes(_approved(created))
        )

        with pytest.raises(ApiException) as caught:
            certificates.replace_certificate_signing_request_approval(
                "jane", to_kubernetes(_approved(created))
            )

        assert caught.value.status == 409
        assert '"reason": "Conflict"' in (caught.value.body or "")

    def test_delete_then_read_is_not_found(
        self, certificates: CertificatesV1Api
    ) -> None:
        """A deleted CSR is gone: reading it is an ApiException 404."""
        certificates.create_certificate_signing_request(to_kubernetes(_new_csr("jane")))

        status = certificates.delete_certificate_signing_request("jane")

        # The client types DELETE's answer as `object`: the Status as a dict.
        assert isinstance(status, dict)
        assert status["status"] == "Success"
        with pytest.raises(ApiException) as caught:
            certificates.read_certificate_signing_request("jane")
        assert caught.value.status == 404
