"""metadata rules on create and on every update path."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from csrmodels import CertificateSigningRequest, ManagedFieldsEntry, ObjectMeta
from csrmodels import OwnerReference as Ref
from csrmodels.validation import (
    CSRInput,
    ErrorType,
    FieldError,
    validate_approval_update,
    validate_create,
    validate_status_update,
    validate_update,
)
from tests.validation_pki import make_csr

INV, REQ, FORB, TL = (
    ErrorType.INVALID,
    ErrorType.REQUIRED,
    ErrorType.FORBIDDEN,
    ErrorType.TOO_LONG,
)
KEY_RULE = (
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must "
    "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
    "or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
)
NOT_QUALIFIED = "name is neither a standard finalizer name nor is it fully qualified"
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def with_meta(**changes: object) -> CertificateSigningRequest:
    """A valid CSR whose metadata has `changes`."""
    csr = make_csr()
    meta = dataclasses.replace(csr.metadata, **changes)  # type: ignore[arg-type]
    return dataclasses.replace(csr, metadata=meta)


def summary(errors: list[FieldError]) -> list[tuple[ErrorType, str, object, str]]:
    """Type, path, bad value and detail of each error."""
    return [(e.type, e.field, e.bad_value, e.detail) for e in errors]


class TestCreate:
    def test_name_required(self) -> None:
        """An empty name is Required, even with generateName set."""
        errors = validate_create(with_meta(name="", generate_name="csr-"))
        assert [str(e) for e in errors] == [
            "metadata.name: Required value: name or generateName is required"
        ]

    @pytest.mark.parametrize("name", ["ANY name at all!", "é", "...", "a.b:c"])
    def test_any_name_accepted(self, name: str) -> None:
        """The CSR name validator accepts any string usable in a URL path."""
        assert validate_create(with_meta(name=name)) == []

    @pytest.mark.parametrize(
        ("name", "generate_name", "expected"),
        [
            (
                "a/b%c",
                "",
                [
                    "metadata.name: Invalid value: \"a/b%c\": may not contain '/'",
                    "metadata.name: Invalid value: \"a/b%c\": may not contain '%'",
                ],
            ),
            ("..", "", ["metadata.name: Invalid value: \"..\": may not be '..'"]),
            (".", "", ["metadata.name: Invalid value: \".\": may not be '.'"]),
            (
                "ok",
                "x%",
                ["metadata.generateName: Invalid value: \"x%\": may not contain '%'"],
            ),
        ],
    )
    def test_path_segment_rule(
        self, name: str, generate_name: str, expected: list[str]
    ) -> None:
        """After the CSR rules, the name must be usable as a URL path segment."""
        csr = with_meta(name=name, generate_name=generate_name)
        assert [str(e) for e in validate_create(csr)] == expected

    def test_path_segment_rule_only_when_valid(self) -> None:
        """The path-segment rule runs only once the CSR rules pass, as on the server."""
        errors = validate_create(with_meta(name="a/b", namespace="ns"))
        assert [e.field for e in errors] == ["metadata.namespace"]

    def test_namespace_forbidden(self) -> None:
        """A namespace is Forbidden on this cluster-scoped type."""
        [error] = validate_create(with_meta(namespace="default"))
        assert str(error) == "metadata.namespace: Forbidden: not allowed on this type"

    def test_negative_generation(self) -> None:
        """A negative generation is Invalid."""
        assert summary(validate_create(with_meta(generation=-1))) == [
            (INV, "metadata.generation", -1, "must be greater than or equal to 0")
        ]

    def test_labels(self) -> None:
        """Label keys must be qualified names and values label values."""
        labels = {"good.example/ok": "v", "bad key": "x", "k": "bad value!"}
        errors = validate_create(with_meta(labels=labels))
        assert [(e.type, e.field, e.bad_value) for e in errors] == [
            (INV, "metadata.labels", "bad key"),
            (INV, "metadata.labels", "bad value!"),
        ]
        assert errors[0].detail == KEY_RULE

    def test_label_key_prefix_and_length(self) -> None:
        """A bad prefix and a long name part give one error each."""
        key = "Bad_Prefix/" + "n" * 64
        details = [e.detail for e in validate_create(with_meta(labels={key: ""}))]
        assert details[0].startswith("prefix part a lowercase RFC 1123 subdomain")
        assert details[1] == "name part must be no more than 63 bytes"

    def test_annotations(self) -> None:
        """Annotation keys are qualified names ignoring case; the total is capped."""
        assert validate_create(with_meta(annotations={"Example.COM/Key": "v"})) == []
        errors = validate_create(with_meta(annotations={"a//b": "v"}))
        assert [(e.field, e.bad_value) for e in errors] == [
            ("metadata.annotations", "a//b")
        ]
        big = {"k": "v" * (256 * 1024)}
        assert [str(e) for e in validate_create(with_meta(annotations=big))] == [
            "metadata.annotations: Too long: may not be more than 262144 bytes"
        ]

    def test_owner_references(self) -> None:
        """Owner references need a version, kind, name and uid; one controller."""
        # validateOwnerReference in apimachinery's pkg/api/validation/objectmeta.go
        # names the field in each detail ("kind must not be empty").
        refs = (
            Ref(api_version="", kind="", name="", uid=""),
            Ref(api_version="v1", kind="Event", name="e", uid="1"),
            Ref(api_version="apps/v1", kind="A", name="a", uid="2", controller=True),
            Ref(api_version="apps/v1", kind="B", name="b", uid="3", controller=True),
        )
        errors = validate_create(with_meta(owner_references=refs))
        assert [(e.field, e.detail) for e in errors] == [
            ("metadata.ownerReferences.apiVersion", "version must not be empty"),
            ("metadata.ownerReferences.kind", "kind must not be empty"),
            ("metadata.ownerReferences.name", "name must not be empty"),
            ("metadata.ownerReferences.uid", "uid must not be empty"),
            (
                "metadata.ownerReferences",
                "/v1, Kind=Event is disallowed from being an owner",
            ),
            (
                "metadata.ownerReferences",
                'Only one reference can have Controller set to true. Found "true" in '
                "references for A/a and B/b",
            ),
        ]
        assert str(errors[4]).startswith(
            'metadata.ownerReferences: Invalid value: v1.OwnerReference{APIVersion:"v1"'
        )
        assert str(errors[5]).startswith(
            "metadata.ownerReferences: Invalid value: []v1.OwnerReference{"
            'v1.OwnerReference{APIVersion:"", Kind:"", Name:"", UID:"", '
            "Controller:null, BlockOwnerDeletion:null}, "
        )

    def test_finalizers(self) -> None:
        """Finalizers are qualified names, standard or domain-prefixed."""
        finalizers = (
            "kubernetes",
            "example.com/cleanup",
            "custom",
            "orphan",
            "bad name",
        )
        errors = validate_create(with_meta(finalizers=finalizers))
        assert [(e.field, e.bad_value) for e in errors] == [
            ("metadata.finalizers", "bad name"),
            ("metadata.finalizers[2]", "custom"),
            ("metadata.finalizers[4]", "bad name"),
        ]
        both = validate_create(with_meta(finalizers=("orphan", "foregroundDeletion")))
        assert [str(e) for e in both] == [
            'metadata.finalizers: Invalid value: []string{"orphan", '
            '"foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be '
            "both set"
        ]

    def test_managed_fields(self) -> None:
        """Managed fields need an operation, FieldsV1, and a printable manager."""
        entries = (
            ManagedFieldsEntry(manager="kubectl", operation="Update"),
            ManagedFieldsEntry(manager="a\x07", operation="Patch", fields_type="X"),
            ManagedFieldsEntry(
                manager="m" * 129, operation="Apply", subresource="s" * 257
            ),
        )
        errors = validate_create(with_meta(managed_fields=entries))
        assert [(e.type, e.field, e.detail) for e in errors] == [
            (INV, "metadata.managedFields[1].operation", "must be `Apply` or `Update`"),
            (INV, "metadata.managedFields[1].fieldsType", "must be `FieldsV1`"),
            (
                INV,
                "metadata.managedFields[1].manager",
                "invalid character U+0007 (at position 1)",
            ),
            (TL, "metadata.managedFields[2].manager", "may not be more than 128 bytes"),
            (
                TL,
                "metadata.managedFields[2].subresource",
                "may not be more than 256 bytes",
            ),
        ]


class TestUpdate:
    @pytest.mark.parametrize(
        "validator", [validate_update, validate_status_update, validate_approval_update]
    )
    def test_resource_version_required(
        self, validator: Callable[[CSRInput, CSRInput], list[FieldError]]
    ) -> None:
        """Every update path needs metadata.resourceVersion."""
        old = with_meta(resource_version="5")
        errors = validator(with_meta(), old)
        assert [str(e) for e in errors] == [
            'metadata.resourceVersion: Invalid value: "": '
            "must be specified for an update"
        ]

    def test_immutable_fields(self) -> None:
        """name, uid, timestamps and grace period may not change."""
        old = with_meta(
            resource_version="5", uid="u1", creation_timestamp=T0, generation=3
        )
        new = with_meta(
            name="other",
            namespace="ns",
            resource_version="5",
            uid="u2",
            deletion_timestamp=T0,
            deletion_grace_period_seconds=30,
            generation=2,
        )
        errors = validate_update(new, old)
        assert [str(e) for e in errors] == [
            "metadata.namespace: Forbidden: not allowed on this type",
            "metadata.generation: Invalid value: 2: must not be decremented",
            'metadata.name: Invalid value: "other": field is immutable',
            'metadata.namespace: Invalid value: "ns": field is immutable',
            'metadata.uid: Invalid value: "u2": field is immutable',
            "metadata.creationTimestamp: Invalid value: 0001-01-01 00:00:00 +0000 UTC: "
            "field is immutable",
            "metadata.deletionTimestamp: Invalid value: 2026-01-01 00:00:00 +0000 UTC: "
            "field is immutable",
            "metadata.deletionGracePeriodSeconds: Invalid value: 30: "
            "field is immutable",
        ]

    def test_no_new_finalizers_while_deleting(self) -> None:
        """Once deletion started, finalizers may be removed but not added."""
        old = with_meta(
            resource_version="5", deletion_timestamp=T0, finalizers=("example.com/a",)
        )
        removed = with_meta(resource_version="5", deletion_timestamp=T0)
        assert validate_update(removed, old) == []
        added = with_meta(
            resource_version="5",
            deletion_timestamp=T0,
            finalizers=("example.com/a", "example.com/c", "example.com/b"),
        )
        assert [str(e) for e in validate_update(added, old)] == [
            "metadata.finalizers: Forbidden: no new finalizers can be added if the "
            'object is being deleted, found new finalizers []string{"example.com/b", '
            '"example.com/c"}'
        ]

    def test_label_errors_reported_twice(self) -> None:
        """As in Go, an update checks labels in both the object and the meta rules."""
        old = with_meta(resource_version="5")
        new = with_meta(resource_version="5", labels={"bad key": "v"})
        errors = validate_update(new, old)
        assert [e.field for e in errors] == ["metadata.labels", "metadata.labels"]

    def test_metadata_changes_allowed(self) -> None:
        """Labels, annotations and a higher generation may change on update."""
        old = with_meta(resource_version="5", generation=1)
        new = with_meta(
            resource_version="6",
            generation=2,
            labels={"a": "b"},
            annotations={"c": "d"},
        )
        assert validate_update(new, old) == []
        assert isinstance(new.metadata, ObjectMeta)
