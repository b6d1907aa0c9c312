"""
The whole CSR flow through the official `kubernetes` client, over HTTP on
loopback, against the test API server (`tests/apiserver`).
"""

from __future__ import annotations

import dataclasses
import json
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
    CertificateSigningRequestSpec,
    ObjectMeta,
    validation,
)
from csrmodels.interop.kubernetes import from_kubernetes, to_kubernetes
from csrmodels.signer import Signer
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


def _create(certificates: CertificatesV1Api, name: str) -> CertificateSigningRequest:
    body = to_kubernetes(_new_csr(name))
    return from_kubernetes(certificates.create_certificate_signing_request(body))


def _approve(
    certificates: CertificatesV1Api, csr: CertificateSigningRequest
) -> CertificateSigningRequest:
    approved = csr.approve(reason="E2EApproved", message="approved by the test")
    answer = certificates.replace_certificate_signing_request_approval(
        csr.metadata.name, to_kubernetes(approved)
    )
    return from_kubernetes(answer)


class TestKubernetesFlow:
    """create -> approve -> watch -> sign -> get, all through `kubernetes`."""

    def test_create_approve_sign_and_read_certificate(
        self, certificates: CertificatesV1Api
    ) -> None:
        """A CSR goes from created to issued and its certificate is readable."""
        ca = TestCA()
        signer = Signer(ca.certificate, ca.key)

        created = _create(certificates, "jane")
        assert created.spec.username == TEST_USER.name
        assert created.is_pending

        _approve(certificates, created)

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
            seen.append((event["type"], csr.is_approved, csr.is_issued))
            if csr.is_issued:
                break
            certificates.replace_certificate_signing_request_status(
                "jane", to_kubernetes(signer.sign(csr))
            )

        issued = from_kubernetes(certificates.read_certificate_signing_request("jane"))
        leaf = x509.load_pem_x509_certificates(issued.status.certificate)[0]
        common_name = leaf.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        assert common_name[0].value == "jane"
        assert leaf.issuer == ca.certificate.subject
        assert seen == [("MODIFIED", True, False), ("MODIFIED", True, True)]

    def test_list_returns_csrmodels_objects(
        self, certificates: CertificatesV1Api
    ) -> None:
        """The list model converts to a csrmodels list, item by item."""
        for name in ("alice", "bob"):
            _create(certificates, name)

        listing = from_kubernetes(certificates.list_certificate_signing_request())

        assert [csr.metadata.name for csr in listing.items] == ["alice", "bob"]
        assert listing.metadata.resource_version


class TestKubernetesRefusals:
    """What the API server refuses surfaces as the client's `ApiException`."""

    def test_switching_approved_to_denied_is_invalid(
        self, certificates: CertificatesV1Api
    ) -> None:
        """Replacing Approved by Denied through /approval is a 422 with causes."""
        approved = _approve(certificates, _create(certificates, "jane"))
        # csrmodels itself refuses `approved.deny()`; build the object by hand.
        denial = dataclasses.replace(approved.status.conditions[0], type="Denied")
        switched = dataclasses.replace(
            approved,
            status=dataclasses.replace(approved.status, conditions=(denial,)),
        )

        with pytest.raises(ApiException) as caught:
            certificates.replace_certificate_signing_request_approval(
                "jane", to_kubernetes(switched)
            )

        assert caught.value.status == 422
        status = json.loads(caught.value.body or "{}")
        assert status["reason"] == "Invalid"
        expected = validation.validate_approval_update(switched, approved)
        assert [c["message"] for c in status["details"]["causes"]] == [
            str(error).removeprefix(f"{error.field}: ") for error in expected
        ]
        assert status["details"]["causes"][0]["message"] == (
            'Forbidden: updates may not remove a condition of type "Approved"'
        )

    def test_stale_update_is_a_conflict(self, certificates: CertificatesV1Api) -> None:
        """An update based on an old resourceVersion is an ApiException 409."""
        created = _create(certificates, "jane")
        _approve(certificates, created)

        with pytest.raises(ApiException) as caught:
            _approve(certificates, created)

        assert caught.value.status == 409
        assert json.loads(caught.value.body or "{}")["reason"] == "Conflict"

    def test_delete_then_read_is_not_found(
        self, certificates: CertificatesV1Api
    ) -> None:
        """A deleted CSR is gone: reading it is an ApiException 404."""
        _create(certificates, "jane")

        status = certificates.delete_certificate_signing_request("jane")

        # The client types DELETE's answer as `object`: the Status as a dict.
        assert isinstance(status, dict)
        assert status["status"] == "Success"
        with pytest.raises(ApiException) as caught:
            certificates.read_certificate_signing_request("jane")
        assert caught.value.status == 404
