"""Every Kubernetes round-trip fixture of certificates.k8s.io/v1 round-trips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from csrmodels import CertificateSigningRequest, DecodeError
from tests.conftest import KUBERNETES, v1_fixtures, v1beta1_fixtures


def _without_nulls(value: Any) -> Any:
    """Drop null members: for optional fields absent and null mean the same."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _name(path: Path) -> str:
    return str(path.relative_to(KUBERNETES))


def _without_unknown(out: dict[str, Any], csr: CertificateSigningRequest) -> Any:
    """Drop the fields csrmodels kept as unknown; lightkube drops them."""
    for key in csr.unknown_fields:
        out.pop(key)
    for key in csr.metadata.unknown_fields:
        out["metadata"].pop(key)
    for key in csr.spec.unknown_fields:
        out["spec"].pop(key)
    for key in csr.status.unknown_fields:
        out["status"].pop(key)
    return out


class TestKubernetesFixtures:
    """The round-trip fixtures of Kubernetes, decoded, encoded and compared."""

    @pytest.mark.parametrize("path", v1_fixtures(".json"), ids=_name)
    def test_v1_json_fixture_round_trips(self, path: Path) -> None:
        """Decoding then encoding gives back the same JSON value."""
        data = json.loads(path.read_text())

        csr = CertificateSigningRequest.from_dict(data)

        assert _without_nulls(csr.to_dict()) == _without_nulls(data)
        assert CertificateSigningRequest.from_json(path.read_bytes()) == csr

    def test_fixtures_are_present(self) -> None:
        """The parametrised tests above really have fixtures to run on."""
        assert len(v1_fixtures(".json")) >= 22
        assert len(v1beta1_fixtures(".json")) >= 20

    @pytest.mark.parametrize(
        "path", v1beta1_fixtures(".json") + v1beta1_fixtures(".yaml"), ids=_name
    )
    def test_v1beta1_fixture_is_refused(self, path: Path) -> None:
        """A v1beta1 object, JSON or YAML, is refused naming the version."""
        import yaml

        data = yaml.safe_load(path.read_text())

        with pytest.raises(DecodeError, match=r"apiVersion: .*v1beta1 was removed"):
            CertificateSigningRequest.from_dict(data)

    @pytest.mark.parametrize("path", v1_fixtures(".yaml"), ids=_name)
    def test_v1_yaml_twin_decodes_to_the_same_object(self, path: Path) -> None:
        """Each YAML fixture decodes to the object its JSON twin decodes to."""
        import yaml

        twin = path.with_suffix(".json")
        if not twin.exists():
            pytest.skip("this release shipped no JSON twin")

        from_yaml = CertificateSigningRequest.from_dict(
            yaml.safe_load(path.read_text())
        )

        assert from_yaml == CertificateSigningRequest.from_json(twin.read_text())

    @pytest.mark.parametrize("path", v1_fixtures(".json"), ids=_name)
    def test_v1_fixture_matches_lightkube_models(self, path: Path) -> None:
        """csrmodels writes what lightkube-models writes, unknown fields aside."""
        from lightkube.models.certificates_v1 import (
            CertificateSigningRequest as LightkubeCSR,
        )

        data = json.loads(path.read_text())
        csr = CertificateSigningRequest.from_dict(data)
        theirs = LightkubeCSR.from_dict(data).to_dict()

        ours = _without_unknown(csr.to_dict(), csr)

        assert _without_nulls(ours) == _without_nulls(theirs)
