"""Conversion between csrmodels and the official `kubernetes` client's models."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from kubernetes.client import (
    ApiClient,
    V1CertificateSigningRequest,
    V1CertificateSigningRequestList,
    V1CertificateSigningRequestSpec,
    V1ObjectMeta,
)

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestList,
    CertificateSigningRequestStatus,
    DecodeError,
    ShardInfo,
)
from csrmodels.interop.kubernetes import from_kubernetes, to_kubernetes
from tests.conftest import KUBERNETES, v1_fixtures
from tests.samples import (
    APPROVED,
    CREATED,
    csr_list,
    issued_csr,
    pending_csr,
    without_nulls,
    without_unknown_fields,
)


def _name(path: Path) -> str:
    return str(path.relative_to(KUBERNETES))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _client_wire(model: object) -> object:
    """What the client puts on the wire, times normalised to csrmodels' `Z`."""
    with ApiClient() as api_client:
        text = json.dumps(api_client.sanitize_for_serialization(model))
    return json.loads(text.replace("+00:00", "Z"))


class TestToKubernetes:
    """`to_kubernetes` builds the model `CertificatesV1Api` sends."""

    @pytest.mark.parametrize("path", v1_fixtures(".json"), ids=_name)
    def test_fixture_wire_form_is_kept(self, path: Path) -> None:
        """The client writes the same wire form as csrmodels for every fixture."""
        csr = without_unknown_fields(
            CertificateSigningRequest.from_json(path.read_text())
        )

        model = to_kubernetes(csr)

        assert _client_wire(model) == without_nulls(csr.to_dict())

    def test_every_field_is_carried(self) -> None:
        """Each metadata, spec and status field arrives in its snake_case field."""
        csr = issued_csr()

        model = to_kubernetes(csr)

        assert isinstance(model, V1CertificateSigningRequest)
        assert (model.api_version, model.kind) == (
            "certificates.k8s.io/v1",
            "CertificateSigningRequest",
        )
        metadata = model.metadata
        assert metadata is not None
        assert metadata.name == "jane-client"
        assert metadata.uid == csr.metadata.uid
        assert metadata.resource_version == "48213"
        assert metadata.creation_timestamp == CREATED
        assert metadata.labels == {"team": "platform"}
        assert metadata.annotations == {"example.com/ticket": "OPS-1234"}
        assert metadata.owner_references is not None
        owner = metadata.owner_references[0]
        assert (owner.kind, owner.name, owner.controller) == (
            "ServiceAccount",
            "onboarding",
            False,
        )
        assert metadata.managed_fields is not None
        entry = metadata.managed_fields[0]
        assert entry.manager == "kubectl-create"
        assert entry.time == CREATED
        assert entry.fields_v1 == {
            "f:spec": {"f:request": {}, "f:signerName": {}, "f:usages": {}}
        }
        spec = model.spec
        assert spec.request == _b64(csr.spec.request)
        assert spec.signer_name == "kubernetes.io/kube-apiserver-client"
        assert spec.expiration_seconds == 86400
        assert spec.usages == ["digital signature", "client auth"]
        assert spec.username == "kubernetes-admin"
        assert spec.groups == ["system:masters", "system:authenticated"]
        assert spec.extra == {"scopes": ["openid", "groups"]}
        status = model.status
        assert status is not None
        assert status.certificate == _b64(csr.status.certificate)
        assert status.conditions is not None
        condition = status.conditions[0]
        assert (condition.type, condition.status) == ("Approved", "True")
        assert condition.reason == "OpsApproved"
        assert condition.message == "approved by the on-call engineer"
        assert condition.last_update_time == APPROVED
        assert condition.last_transition_time == APPROVED

    def test_fraction_of_a_second_is_kept(self) -> None:
        """Timestamps keep their microseconds, which the client can hold."""
        when = datetime(2026, 12, 1, 8, 0, 0, 250_000, tzinfo=UTC)
        condition = CertificateSigningRequestCondition(
            type="Approved", status="True", last_transition_time=when
        )
        pending = pending_csr()
        csr = CertificateSigningRequest(
            metadata=pending.metadata,
            spec=pending.spec,
            status=CertificateSigningRequestStatus(conditions=(condition,)),
        )

        model = to_kubernetes(csr)

        assert model.status is not None
        assert model.status.conditions is not None
        assert model.status.conditions[0].last_transition_time == when
        assert from_kubernetes(model) == csr

    def test_unknown_fields_are_dropped(self) -> None:
        """Keys the client does not know cannot travel with it."""
        data = json.loads(pending_csr().to_json())
        data["metadata"]["futureField"] = {"a": 1}
        csr = CertificateSigningRequest.from_dict(data)

        model = to_kubernetes(csr)

        wire: Any = _client_wire(model)
        assert "futureField" not in wire["metadata"]
        assert from_kubernetes(model) == without_unknown_fields(csr)

    def test_list(self) -> None:
        """A list becomes `V1CertificateSigningRequestList`, item by item."""
        csrs = csr_list()

        model = to_kubernetes(csrs)

        assert isinstance(model, V1CertificateSigningRequestList)
        assert [item.metadata.name for item in model.items if item.metadata] == [
            "alice",
            "bob",
        ]
        assert model.metadata is not None
        assert model.metadata.resource_version == "48250"

    def test_generic_list_keeps_its_kind(self) -> None:
        """The client does not fix the kind, so a kubectl `List` stays one."""
        generic = CertificateSigningRequestList.from_dict(
            {"apiVersion": "v1", "kind": "List", "items": []}
        )

        assert from_kubernetes(to_kubernetes(generic)) == generic

    def test_list_shard_info_survives(self) -> None:
        """`metadata.shardInfo` of a sharded list travels both ways."""
        csrs = CertificateSigningRequestList.from_dict(
            {
                "apiVersion": "certificates.k8s.io/v1",
                "kind": "CertificateSigningRequestList",
                "metadata": {"resourceVersion": "7", "shardInfo": {"selector": "a"}},
                "items": [],
            }
        )

        back = from_kubernetes(to_kubernetes(csrs))

        assert back.metadata.shard_info == ShardInfo(selector="a")
        assert back == csrs

    def test_other_types_are_refused(self) -> None:
        """A plain mapping is a TypeError that names what is expected."""
        with pytest.raises(
            TypeError, match="takes a csrmodels CertificateSigningRequest"
        ):
            to_kubernetes(pending_csr().to_dict())  # type: ignore[call-overload]


class TestFromKubernetes:
    """`from_kubernetes` reads what `CertificatesV1Api` returns."""

    @pytest.mark.parametrize("path", v1_fixtures(".json"), ids=_name)
    def test_fixture_round_trips(self, path: Path) -> None:
        """csrmodels -> kubernetes -> csrmodels gives back an equal object."""
        csr = without_unknown_fields(
            CertificateSigningRequest.from_json(path.read_text())
        )

        assert from_kubernetes(to_kubernetes(csr)) == csr

    def test_realistic_objects_round_trip(self) -> None:
        """Real PEMs, conditions, owners and managed fields survive both ways."""
        for csr in (pending_csr(), issued_csr()):
            assert from_kubernetes(to_kubernetes(csr)) == csr

        csrs = csr_list()
        assert from_kubernetes(to_kubernetes(csrs)) == csrs

    def test_model_built_in_python(self) -> None:
        """A model made with the client's constructors decodes to PEM bytes."""
        pem = pending_csr().spec.request
        model = V1CertificateSigningRequest(
            metadata=V1ObjectMeta(name="build-bot"),
            spec=V1CertificateSigningRequestSpec(
                request=_b64(pem),
                signer_name="example.com/build",
                usages=["digital signature", "client auth"],
            ),
        )

        csr = from_kubernetes(model)

        assert csr.metadata.name == "build-bot"
        assert csr.spec.request == pem
        assert csr.spec.usages == ("digital signature", "client auth")
        assert csr.status == CertificateSigningRequestStatus()

    def test_naive_datetime_is_refused_with_its_path(self) -> None:
        """A time without a zone cannot be sent; the error names the field."""
        model = to_kubernetes(pending_csr())
        assert model.metadata is not None
        model.metadata.creation_timestamp = datetime(2026, 1, 1)

        with pytest.raises(DecodeError, match=r"metadata\.creationTimestamp"):
            from_kubernetes(model)

    def test_bytes_request_is_refused(self) -> None:
        """`bytes` in `spec.request` is ambiguous and unsendable: a TypeError."""
        pem = pending_csr().spec.request
        model = V1CertificateSigningRequest(
            metadata=V1ObjectMeta(name="build-bot"),
            spec=V1CertificateSigningRequestSpec(
                request=base64.b64encode(pem), signer_name="example.com/build"
            ),
        )

        with pytest.raises(TypeError, match=r"spec\.request is bytes.*b64encode"):
            from_kubernetes(model)

    def test_bytes_certificate_in_a_list_is_refused(self) -> None:
        """The error names the list item."""
        listing = to_kubernetes(csr_list())
        status = listing.items[1].status
        assert status is not None
        status.certificate = b"-----BEGIN CERTIFICATE-----"

        with pytest.raises(TypeError, match=r"items\[1\]\.status\.certificate"):
            from_kubernetes(listing)

    def test_model_is_unchanged(self) -> None:
        """Reading a model does not modify it."""
        model = to_kubernetes(issued_csr())
        before = _client_wire(model)

        from_kubernetes(model)

        assert _client_wire(model) == before

    def test_other_types_are_refused(self) -> None:
        """A csrmodels object is not a client model."""
        with pytest.raises(TypeError, match="takes a kubernetes V1Certificate"):
            from_kubernetes(pending_csr())  # type: ignore[call-overload]
