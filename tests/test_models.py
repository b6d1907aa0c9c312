"""The models as values: immutable, hashable, comparable, and safe to print."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

import csrmodels
from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestList,
    CertificateSigningRequestSpec,
    CertificateSigningRequestStatus,
    FrozenDict,
    ManagedFieldsEntry,
    ObjectMeta,
)

PEM = b"-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n"


def make_csr(**meta: Any) -> CertificateSigningRequest:
    return CertificateSigningRequest(
        metadata=ObjectMeta(name="alice", **meta),
        spec=CertificateSigningRequestSpec(
            request=PEM,
            signer_name="kubernetes.io/kube-apiserver-client",
            usages=("client auth",),
        ),
    )


class TestImmutability:
    def test_fields_cannot_be_assigned(self) -> None:
        """Models are frozen dataclasses."""
        csr = make_csr()

        with pytest.raises(dataclasses.FrozenInstanceError):
            csr.metadata = ObjectMeta()  # type: ignore[misc]

    def test_models_have_slots(self) -> None:
        """Models are slotted: no per-instance __dict__."""
        assert not hasattr(make_csr(), "__dict__")

    def test_lists_and_dicts_given_by_callers_are_frozen(self) -> None:
        """A list becomes a tuple and a dict a read-only FrozenDict."""
        labels = {"team": "a"}
        meta = ObjectMeta(labels=labels, finalizers=["f"])  # type: ignore[arg-type]
        labels["team"] = "changed"

        assert meta.finalizers == ("f",)
        assert meta.labels == {"team": "a"}
        assert isinstance(meta.labels, FrozenDict)
        with pytest.raises(TypeError, match="read-only"):
            meta.labels["x"] = "y"

    def test_nested_json_is_frozen_deeply(self) -> None:
        """fieldsV1 and unknown fields are frozen all the way down."""
        fields = {"f:spec": {"f:usages": {}}, "n": [1]}
        entry = ManagedFieldsEntry(fields_v1=fields)  # type: ignore[arg-type]

        assert entry.fields_v1 == {"f:spec": {"f:usages": {}}, "n": (1,)}
        assert isinstance(entry.fields_v1["f:spec"], FrozenDict)
        hash(entry)

    def test_a_string_is_not_a_sequence_of_usages(self) -> None:
        """usages="client auth" is refused, not split into characters."""
        with pytest.raises(TypeError, match="usages must be a sequence"):
            CertificateSigningRequestSpec(
                request=PEM,
                signer_name="a.b/c",
                usages="client auth",  # type: ignore[arg-type]
            )

    def test_request_must_be_bytes(self) -> None:
        """Giving the PEM as str, or base64, is refused with advice."""
        with pytest.raises(TypeError, match="PEM text as bytes, not str"):
            CertificateSigningRequestSpec(
                request=PEM.decode(),  # type: ignore[arg-type]
                signer_name="a.b/c",
            )

    def test_non_json_values_are_refused(self) -> None:
        """unknown_fields must hold JSON."""
        with pytest.raises(TypeError, match="not a JSON value: a set"):
            ObjectMeta(unknown_fields={"x": {1, 2}})  # type: ignore[dict-item]


class TestTimestamps:
    def test_naive_datetime_is_refused(self) -> None:
        """A datetime without a time zone is an error, never written bare."""
        with pytest.raises(ValueError, match="naive datetime"):
            ObjectMeta(creation_timestamp=datetime(2024, 1, 1))

    def test_aware_datetime_is_stored_in_utc(self) -> None:
        """Another offset is turned into UTC, the same instant."""
        plus_two = timezone(timedelta(hours=2))
        condition = CertificateSigningRequestCondition(
            type="Approved",
            status="True",
            last_update_time=datetime(2024, 1, 1, 2, 0, tzinfo=plus_two),
        )

        assert condition.last_update_time == datetime(2024, 1, 1, tzinfo=UTC)
        assert condition.last_update_time.tzinfo is UTC

    def test_non_datetime_is_refused(self) -> None:
        """A timestamp given as a string is a TypeError."""
        text: Any = "2024-01-01T00:00:00Z"
        with pytest.raises(TypeError, match="must be a datetime, not str"):
            ObjectMeta(creation_timestamp=text)


class TestValueSemantics:
    def test_equal_values_are_equal_and_hash_equal(self) -> None:
        """Two CSRs built alike compare and hash equal."""
        assert make_csr(labels={"a": "b"}) == make_csr(labels=FrozenDict(a="b"))
        assert hash(make_csr(labels={"a": "b"})) == hash(make_csr(labels={"a": "b"}))
        assert len({make_csr(), make_csr()}) == 1

    def test_different_values_are_not_equal(self) -> None:
        """Any field difference makes them differ."""
        assert make_csr() != make_csr(uid="x")

    def test_replace_fields_and_asdict_work(self) -> None:
        """They are real dataclasses."""
        csr = make_csr()

        renamed = dataclasses.replace(csr, metadata=ObjectMeta(name="bob"))

        assert renamed.metadata.name == "bob"
        assert renamed.spec is csr.spec
        assert "spec" in {field.name for field in dataclasses.fields(csr)}
        assert dataclasses.asdict(csr)["spec"]["signer_name"] == (
            "kubernetes.io/kube-apiserver-client"
        )

    def test_api_version_and_kind_are_fixed(self) -> None:
        """A CSR is always certificates.k8s.io/v1 CertificateSigningRequest."""
        csr = make_csr()

        assert (csr.api_version, csr.kind) == (
            "certificates.k8s.io/v1",
            "CertificateSigningRequest",
        )
        untyped: Any = CertificateSigningRequest  # kind is not an argument
        with pytest.raises(TypeError):
            untyped(kind="Pod", spec=csr.spec)

    def test_models_pickle(self) -> None:
        """Models and their frozen mappings survive pickling."""
        csr = make_csr(labels={"a": "b"})

        assert pickle.loads(pickle.dumps(csr)) == csr

    def test_defaults_mirror_go_zero_values(self) -> None:
        """Go values default to their zero value, Go pointers to None."""
        meta = ObjectMeta()

        assert (meta.name, meta.generation, meta.labels) == ("", 0, {})
        assert meta.deletion_grace_period_seconds is None
        assert CertificateSigningRequestStatus().certificate == b""


class TestRepr:
    def test_repr_names_fields_and_summarises_pem(self) -> None:
        """repr shows what is set and never dumps a whole PEM."""
        text = repr(make_csr())

        assert text == (
            "CertificateSigningRequest(metadata=ObjectMeta(name='alice'), "
            "spec=CertificateSigningRequestSpec(request=<PEM CERTIFICATE REQUEST, "
            f"{len(PEM)} bytes>, signer_name='kubernetes.io/kube-apiserver-client', "
            "usages=('client auth',)))"
        )

    def test_repr_of_a_list(self) -> None:
        """A list's repr nests its items' reprs."""
        csrs = CertificateSigningRequestList(items=(make_csr(),))

        assert repr(csrs).startswith(
            "CertificateSigningRequestList(items=(CertificateSigningRequest("
        )


class TestPublicNames:
    def test_all_is_sorted_and_complete(self) -> None:
        """__all__ lists every public name once, in order, and each exists."""
        names = csrmodels.__all__

        assert names == sorted(names, key=lambda n: (not n.isupper(), n))
        assert len(set(names)) == len(names)
        assert all(hasattr(csrmodels, name) for name in names)

    def test_import_does_not_load_optional_dependencies(self) -> None:
        """import csrmodels loads neither YAML, cryptography nor a client."""
        import subprocess
        import sys

        code = (
            "import sys, csrmodels; "
            "print(sorted(m for m in ('yaml', 'cryptography', 'lightkube', "
            "'kubernetes') if m in sys.modules))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONPATH": str(_src())},
        )

        assert result.stdout.strip() == "[]"


def _src() -> Any:
    from pathlib import Path

    return Path(csrmodels.__file__).resolve().parents[1]
