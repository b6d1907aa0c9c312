"""Validating wire mappings: zero values, decode problems, never an exception."""

from __future__ import annotations

import base64
import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csrmodels.validation import (
    ErrorType,
    FieldError,
    validate_approval_update,
    validate_create,
    validate_status_update,
    validate_update,
)
from tests.validation_pki import make_csr, request_pem

PEM_TYPE = "PEM block type must be CERTIFICATE REQUEST"


def wire(**spec: Any) -> dict[str, Any]:
    """A valid CSR in the wire form, with `spec` keys replaced."""
    data = make_csr().to_dict()
    data["spec"].update(spec)
    return data


def summary(errors: list[FieldError]) -> list[tuple[ErrorType, str]]:
    """Type and path of each error."""
    return [(e.type, e.field) for e in errors]


class TestMappingInput:
    def test_valid_mapping(self) -> None:
        """A valid wire mapping has no errors, and it is not modified."""
        data = wire()
        before = copy.deepcopy(data)
        assert validate_create(data) == []
        assert data == before

    def test_missing_request_and_signer(self) -> None:
        """Missing request and signerName are field errors, not decode errors."""
        data = wire()
        del data["spec"]["request"], data["spec"]["signerName"]
        errors = validate_create(data)
        assert summary(errors) == [
            (ErrorType.INVALID, "spec.request"),
            (ErrorType.REQUIRED, "spec.signerName"),
        ]
        assert errors[0].detail == PEM_TYPE

    def test_null_request_and_signer(self) -> None:
        """JSON null counts as absent, as Go decodes it."""
        errors = validate_create(wire(request=None, signerName=None))
        assert summary(errors) == [
            (ErrorType.INVALID, "spec.request"),
            (ErrorType.REQUIRED, "spec.signerName"),
        ]

    def test_missing_spec(self) -> None:
        """A mapping without spec reports the spec fields the API server needs."""
        errors = validate_create({"metadata": {"name": "x"}})
        assert summary(errors) == [
            (ErrorType.INVALID, "spec.request"),
            (ErrorType.REQUIRED, "spec.usages"),
            (ErrorType.REQUIRED, "spec.signerName"),
        ]

    def test_condition_without_type_or_status(self) -> None:
        """A condition missing type and status gets Required for both."""
        data = wire()
        data["status"] = {"conditions": [{}]}
        assert summary(validate_create(data)) == [
            (ErrorType.REQUIRED, "status.conditions[0].type"),
            (ErrorType.REQUIRED, "status.conditions[0].status"),
        ]

    def test_owner_reference_zero_values(self) -> None:
        """An empty owner reference reports its empty fields."""
        data = wire()
        data["metadata"]["ownerReferences"] = [{}]
        assert [e.field for e in validate_create(data)] == [
            "metadata.ownerReferences.apiVersion",
            "metadata.ownerReferences.kind",
            "metadata.ownerReferences.name",
            "metadata.ownerReferences.uid",
        ]

    def test_base64_request(self) -> None:
        """The request is base64 of the PEM on the wire."""
        encoded = base64.b64encode(request_pem("ed25519")).decode()
        assert validate_create(wire(request=encoded)) == []

    @pytest.mark.parametrize(
        ("spec", "path", "expected"),
        [
            ({"usages": "client auth"}, "spec.usages", "expected an array of strings"),
            ({"request": "%%%"}, "spec.request", "expected a base64 string"),
            ({"expirationSeconds": 1.5}, "spec.expirationSeconds", "expected a 32-bit"),
            ({"usages": ["any", 7]}, "spec.usages[1]", "expected a string"),
        ],
    )
    def test_wrong_json_types(
        self, spec: dict[str, Any], path: str, expected: str
    ) -> None:
        """Input the server cannot decode is one Invalid per problem, with a note."""
        [error] = validate_create(wire(**spec))
        assert (error.type, error.field) == (ErrorType.INVALID, path)
        assert error.detail.startswith(expected)
        assert error.detail.endswith("HTTP 400, before validation")

    def test_old_mapping_problems_are_marked(self) -> None:
        """Problems in the stored object say so."""
        old = wire(usages="x")
        [error] = validate_update(wire(), old)
        assert "(in the stored object)" in error.detail

    def test_not_a_mapping(self) -> None:
        """A value that is neither a model nor a mapping is a TypeError."""
        with pytest.raises(TypeError, match="must be a CertificateSigningRequest"):
            validate_create(["not", "a", "csr"])  # type: ignore[arg-type]

    def test_lone_surrogates(self) -> None:
        """Text with lone surrogates, which JSON allows, is validated as Go would."""
        text = "\ud800x"
        data = wire(usages=[text], signerName=f"{text}.a/b")
        data["metadata"].update(
            labels={text: text},
            annotations={text: text},
            finalizers=[text],
            managedFields=[{"manager": text, "operation": "Update"}],
        )
        errors = validate_create(data)
        assert [e.field for e in errors] == [
            "metadata.labels",
            "metadata.labels",
            "metadata.annotations",
            "metadata.finalizers",
            "metadata.finalizers[0]",
            "spec.usages[0]",
            "spec.signerName",
        ]
        assert str(errors[-2]).startswith(
            'spec.usages[0]: Unsupported value: "\ufffdx"'
        )

    def test_update_with_mappings(self) -> None:
        """Update validators take mappings for both objects."""
        old = wire()
        old["metadata"]["resourceVersion"] = "1"
        new = copy.deepcopy(old)
        new["status"] = {"conditions": [{"type": "Approved", "status": "True"}]}
        assert validate_approval_update(new, old) == []
        assert summary(validate_status_update(new, old)) == [
            (ErrorType.FORBIDDEN, "status.conditions")
        ]


# Any text json.loads can return, lone surrogates ("\\ud800") included.
TEXT = st.text(st.characters(exclude_categories=()), max_size=8)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3)
    ),
    max_leaves=8,
)
KEYS = {
    "": ["apiVersion", "kind", "metadata", "spec", "status"],
    "metadata": [
        "name",
        "namespace",
        "generation",
        "labels",
        "annotations",
        "finalizers",
        "ownerReferences",
        "managedFields",
        "resourceVersion",
        "creationTimestamp",
        "deletionTimestamp",
    ],
    "spec": ["request", "signerName", "usages", "expirationSeconds", "extra", "groups"],
    "status": ["conditions", "certificate"],
}


@st.composite
def mutated_wire(draw: st.DrawFn) -> dict[str, Any]:
    """A valid wire CSR with arbitrary JSON put at a few known positions."""
    data = make_csr(resource_version="1").to_dict()
    data["status"] = {
        "conditions": [{"type": "Approved", "status": "True"}],
        "certificate": "",
    }
    for _ in range(draw(st.integers(1, 3))):
        section = draw(st.sampled_from(sorted(KEYS)))
        key = draw(st.sampled_from(KEYS[section]))
        value = draw(JSON)
        target = data if section == "" else data.get(section)
        if isinstance(target, dict):
            target[key] = value
    if draw(st.booleans()) and isinstance(data.get("status"), dict):
        data["status"]["conditions"] = draw(st.lists(JSON, max_size=2))
    return data


class TestNeverRaises:
    @settings(
        max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(mutated_wire(), mutated_wire())
    def test_arbitrary_json_positions(
        self, new: dict[str, Any], old: dict[str, Any]
    ) -> None:
        """Every validator returns a list of FieldError for any JSON mapping."""
        for errors in (
            validate_create(new),
            validate_update(new, old),
            validate_status_update(new, old),
            validate_approval_update(new, old),
        ):
            assert all(isinstance(error, FieldError) for error in errors)
            assert all(isinstance(str(error), str) for error in errors)

    @settings(max_examples=100, deadline=None)
    @given(st.dictionaries(TEXT, JSON, max_size=4))
    def test_arbitrary_mappings(self, data: dict[str, Any]) -> None:
        """A mapping of anything is validated without an exception."""
        errors = validate_create(data)
        assert all(isinstance(error, FieldError) for error in errors)
