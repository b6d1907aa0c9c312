"""Conversion between csrmodels and lightkube 1.x resources."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from lightkube.models import certificates_v1 as lightkube_models
from lightkube.models import meta_v1
from lightkube.resources import certificates_v1 as lightkube_resources

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestList,
    CertificateSigningRequestStatus,
    DecodeError,
    ShardInfo,
)
from csrmodels.interop.lightkube import Subresource, from_lightkube, to_lightkube
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


class TestToLightkube:
    """`to_lightkube` builds the lightkube resource the `Client` sends."""

    @pytest.mark.parametrize("path", v1_fixtures(".json"), ids=_name)
    def test_fixture_wire_form_is_kept(self, path: Path) -> None:
        """lightkube writes the same wire form as csrmodels for every fixture."""
        csr = without_unknown_fields(
            CertificateSigningRequest.from_json(path.read_text())
        )

        resource = to_lightkube(csr)

        assert without_nulls(resource.to_dict()) == without_nulls(csr.to_dict())

    def test_every_field_is_carried(self) -> None:
        """Each metadata, spec and status field arrives in its lightkube field."""
        csr = issued_csr()

        resource = to_lightkube(csr)

        assert isinstance(resource, lightkube_resources.CertificateSigningRequest)
        metadata = resource.metadata
        assert metadata is not None
        assert metadata.name == "jane-client"
        assert metadata.uid == csr.metadata.uid
        assert metadata.resourceVersion == "48213"
        assert metadata.creationTimestamp == CREATED
        assert metadata.labels == {"team": "platform"}
        assert metadata.annotations == {"example.com/ticket": "OPS-1234"}
        assert metadata.ownerReferences is not None
        owner = metadata.ownerReferences[0]
        assert (owner.kind, owner.name, owner.controller) == (
            "ServiceAccount",
            "onboarding",
            False,
        )
        assert metadata.managedFields is not None
        entry = metadata.managedFields[0]
        assert entry.manager == "kubectl-create"
        assert entry.time == CREATED
        assert entry.fieldsV1 == {
            "f:spec": {"f:request": {}, "f:signerName": {}, "f:usages": {}}
        }
        spec = resource.spec
        assert spec.request == _b64(csr.spec.request)
        assert spec.signerName == "kubernetes.io/kube-apiserver-client"
        assert spec.expirationSeconds == 86400
        assert spec.usages == ["digital signature", "client auth"]
        assert spec.username == "kubernetes-admin"
        assert spec.groups == ["system:masters", "system:authenticated"]
        assert spec.extra == {"scopes": ["openid", "groups"]}
        status = resource.status
        assert status is not None
        assert status.certificate == _b64(csr.status.certificate)
        assert status.conditions is not None
        condition = status.conditions[0]
        assert (condition.type, condition.status) == ("Approved", "True")
        assert condition.reason == "OpsApproved"
        assert condition.message == "approved by the on-call engineer"
        assert condition.lastUpdateTime == APPROVED
        assert condition.lastTransitionTime == APPROVED

    def test_fraction_of_a_second_is_kept(self) -> None:
        """Timestamps keep their microseconds, which lightkube can hold."""
        when = datetime(2026, 12, 1, 8, 0, 0, 250_000, tzinfo=UTC)
        condition = CertificateSigningRequestCondition(
            type="Approved", status="True", last_update_time=when
        )
        csr = pending_csr()
        csr = CertificateSigningRequest(
            metadata=csr.metadata,
            spec=csr.spec,
            status=CertificateSigningRequestStatus(conditions=(condition,)),
        )

        resource = to_lightkube(csr)

        assert resource.status is not None
        assert resource.status.conditions is not None
        assert resource.status.conditions[0].lastUpdateTime == when
        assert from_lightkube(resource) == csr

    def test_unknown_fields_are_dropped(self) -> None:
        """Keys lightkube does not know cannot travel with it."""
        data = json.loads(pending_csr().to_json())
        data["spec"]["futureField"] = "x"
        csr = CertificateSigningRequest.from_dict(data)

        resource = to_lightkube(csr)

        assert "futureField" not in resource.to_dict()["spec"]
        assert from_lightkube(resource) == without_unknown_fields(csr)

    @pytest.mark.parametrize(
        ("subresource", "expected"),
        [
            ("approval", lightkube_resources.CertificateSigningRequestApproval),
            ("status", lightkube_resources.CertificateSigningRequestStatus),
        ],
    )
    def test_subresource_class(self, subresource: Subresource, expected: type) -> None:
        """A subresource gives the class `Client.replace` sends to that path."""
        csr = issued_csr()

        resource = to_lightkube(csr, subresource=subresource)

        assert type(resource) is expected
        assert from_lightkube(resource) == csr

    def test_unknown_subresource_is_refused(self) -> None:
        """Only the approval and status subresources exist."""
        scale: Any = "scale"  # not a Subresource: what an untyped caller sends
        with pytest.raises(ValueError, match="subresource must be 'approval'"):
            to_lightkube(pending_csr(), subresource=scale)

    def test_list(self) -> None:
        """A list becomes lightkube's CSR list model, item by item."""
        csrs = csr_list()

        converted = to_lightkube(csrs)

        assert isinstance(converted, lightkube_models.CertificateSigningRequestList)
        assert [item.metadata.name for item in converted.items if item.metadata] == [
            "alice",
            "bob",
        ]
        assert converted.metadata is not None
        assert converted.metadata.resourceVersion == "48250"

    def test_list_refuses_subresource(self) -> None:
        """Subresources apply to one CSR only."""
        untyped: Any = to_lightkube  # no overload takes a list with a subresource
        with pytest.raises(ValueError, match="applies to a single CSR, not a list"):
            untyped(csr_list(), subresource="status")

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

        back = from_lightkube(to_lightkube(csrs))

        assert back.metadata.shard_info == ShardInfo(selector="a")
        assert back == csrs

    def test_other_types_are_refused(self) -> None:
        """A plain mapping is a TypeError that names what is expected."""
        with pytest.raises(
            TypeError, match="takes a csrmodels CertificateSigningRequest"
        ):
            to_lightkube(pending_csr().to_dict())  # type: ignore[call-overload]


class TestFromLightkube:
    """`from_lightkube` reads what the lightkube `Client` returns."""

    @pytest.mark.parametrize("path", v1_fixtures(".json"), ids=_name)
    def test_fixture_round_trips(self, path: Path) -> None:
        """csrmodels -> lightkube -> csrmodels gives back an equal object."""
        csr = without_unknown_fields(
            CertificateSigningRequest.from_json(path.read_text())
        )

        assert from_lightkube(to_lightkube(csr)) == csr

    def test_realistic_objects_round_trip(self) -> None:
        """Real PEMs, conditions, owners and managed fields survive both ways."""
        for csr in (pending_csr(), issued_csr()):
            assert from_lightkube(to_lightkube(csr)) == csr

        csrs = csr_list()
        assert from_lightkube(to_lightkube(csrs)) == csrs

    def test_generic_list_becomes_typed_list(self) -> None:
        """lightkube fixes the list kind, so a kubectl `List` comes back typed."""
        generic = CertificateSigningRequestList.from_dict(
            {"apiVersion": "v1", "kind": "List", "items": []}
        )

        back = from_lightkube(to_lightkube(generic))

        assert (back.api_version, back.kind) == (
            "certificates.k8s.io/v1",
            "CertificateSigningRequestList",
        )

    def test_resource_built_in_python(self) -> None:
        """A resource made with lightkube's constructors decodes to PEM bytes."""
        pem = pending_csr().spec.request
        resource = lightkube_resources.CertificateSigningRequest(
            metadata=meta_v1.ObjectMeta(name="build-bot"),
            spec=lightkube_models.CertificateSigningRequestSpec(
                request=_b64(pem),
                signerName="example.com/build",
                usages=["digital signature", "client auth"],
            ),
        )

        csr = from_lightkube(resource)

        assert csr.metadata.name == "build-bot"
        assert csr.spec.request == pem
        assert csr.spec.usages == ("digital signature", "client auth")
        assert csr.status == CertificateSigningRequestStatus()

    def test_naive_datetime_is_refused_with_its_path(self) -> None:
        """A time without a zone cannot be sent; the error names the field."""
        resource = to_lightkube(pending_csr())
        assert resource.metadata is not None
        resource.metadata.creationTimestamp = datetime(2026, 1, 1)

        with pytest.raises(DecodeError, match=r"metadata\.creationTimestamp"):
            from_lightkube(resource)

    def test_bad_base64_is_refused_with_its_path(self) -> None:
        """lightkube does not check the base64 of `request`; csrmodels does."""
        resource = to_lightkube(pending_csr())
        resource.spec.request = "not base64!"

        with pytest.raises(DecodeError, match=r"spec\.request"):
            from_lightkube(resource)

    def test_resource_is_unchanged(self) -> None:
        """Reading a resource does not modify it."""
        resource = to_lightkube(issued_csr())
        before = resource.to_dict()

        from_lightkube(resource)

        assert resource.to_dict() == before

    def test_other_types_are_refused(self) -> None:
        """A csrmodels object is not a lightkube one."""
        with pytest.raises(
            TypeError, match="takes a lightkube CertificateSigningRequest"
        ):
            from_lightkube(pending_csr())  # type: ignore[call-overload]
