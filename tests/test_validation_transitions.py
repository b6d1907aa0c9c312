"""What each update path may change, and the tolerance for stored bad data."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from csrmodels import (
    SIGNER_LEGACY_UNKNOWN,
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestStatus,
)
from csrmodels.validation import (
    CSRInput,
    ErrorType,
    FieldError,
    validate_approval_update,
    validate_create,
    validate_status_update,
    validate_update,
)
from tests.validation_pki import certificate_pem, make_csr

Condition = CertificateSigningRequestCondition
Validator = Callable[[CSRInput, CSRInput], list[FieldError]]
ALL_PATHS = [validate_update, validate_status_update, validate_approval_update]
APPROVED = Condition(type="Approved", status="True", reason="OK")
DENIED = Condition(type="Denied", status="True", reason="No")
FAILED = Condition(type="Failed", status="True")


def csr(
    *conditions: Condition, certificate: bytes = b"", **changes: object
) -> CertificateSigningRequest:
    """A CSR with resourceVersion set, the given status and spec changes."""
    base = make_csr(resource_version="9", **changes)  # type: ignore[arg-type]
    status = CertificateSigningRequestStatus(
        conditions=conditions, certificate=certificate
    )
    return dataclasses.replace(base, status=status)


def messages(errors: list[FieldError]) -> list[str]:
    """The error messages, first line only."""
    return [str(error).split("\n")[0] for error in errors]


def forbidden(field: str, detail: str) -> str:
    """A Forbidden message as the API server prints it."""
    return f"{field}: Forbidden: {detail}"


ADD_APPROVED = forbidden(
    "status.conditions", 'updates may not add a condition of type "Approved"'
)
SET_CERT = forbidden("status.certificate", "updates may not set certificate content")
MODIFY_CERT = forbidden(
    "status.certificate", "updates may not modify existing certificate content"
)


class TestConditionTransitions:
    @pytest.mark.parametrize("validator", ALL_PATHS)
    @pytest.mark.parametrize("kept", [APPROVED, DENIED, FAILED])
    def test_removal_forbidden_everywhere(
        self, validator: Validator, kept: Condition
    ) -> None:
        """Approved, Denied and Failed can never be removed."""
        errors = messages(validator(csr(), csr(kept)))
        assert (
            forbidden(
                "status.conditions",
                f'updates may not remove a condition of type "{kept.type}"',
            )
            in errors
        )

    @pytest.mark.parametrize("validator", [validate_update, validate_status_update])
    def test_approval_only_through_approval(self, validator: Validator) -> None:
        """The main resource and /status may not add Approved or Denied."""
        assert messages(validator(csr(APPROVED), csr())) == [ADD_APPROVED]
        assert messages(validator(csr(DENIED), csr())) == [
            forbidden(
                "status.conditions", 'updates may not add a condition of type "Denied"'
            )
        ]

    @pytest.mark.parametrize("validator", [validate_update, validate_status_update])
    def test_modify_approval_forbidden(self, validator: Validator) -> None:
        """Changing an existing Approved condition is refused outside /approval."""
        changed = dataclasses.replace(APPROVED, reason="Changed")
        [error] = validator(csr(changed), csr(APPROVED))
        assert error.type is ErrorType.FORBIDDEN
        assert error.detail.startswith(
            'updates may not modify a condition of type "Approved"\n'
        )
        assert error.detail.endswith('\n  [0].reason: "OK" -> "Changed"')

    def test_unknown_fields_not_compared(self) -> None:
        """Keys Go would drop do not count as a modification."""
        extra = dataclasses.replace(APPROVED, unknown_fields={"x": 1})
        assert validate_update(csr(extra), csr(APPROVED)) == []

    def test_approval_may_add_and_change(self) -> None:
        """/approval may add Approved and change its fields."""
        assert validate_approval_update(csr(APPROVED), csr()) == []
        changed = dataclasses.replace(APPROVED, message="m")
        assert validate_approval_update(csr(changed), csr(APPROVED)) == []

    def test_approval_switch_is_a_removal(self) -> None:
        """Replacing Approved with Denied through /approval removes Approved."""
        assert messages(validate_approval_update(csr(DENIED), csr(APPROVED))) == [
            forbidden(
                "status.conditions",
                'updates may not remove a condition of type "Approved"',
            )
        ]

    def test_approval_adding_conflict(self) -> None:
        """Adding Denied to an approved CSR hits the exclusion rule."""
        errors = validate_approval_update(csr(APPROVED, DENIED), csr(APPROVED))
        assert [(e.type, e.field) for e in errors] == [
            (ErrorType.INVALID, "status.conditions")
        ]

    @pytest.mark.parametrize("validator", ALL_PATHS)
    def test_failed_added_anywhere(self, validator: Validator) -> None:
        """A Failed condition may be added through any path."""
        assert validator(csr(APPROVED, FAILED), csr(APPROVED)) == []

    @pytest.mark.parametrize("validator", ALL_PATHS)
    def test_custom_conditions_free(self, validator: Validator) -> None:
        """Custom condition types may be added, changed and removed."""
        old = csr(
            Condition(type="A", status="True"), Condition(type="B", status="True")
        )
        new = csr(
            Condition(type="A", status="False"), Condition(type="C", status="True")
        )
        assert validator(new, old) == []

    def test_spec_changes_not_transition_errors(self) -> None:
        """The validators re-check a new spec but do not compare it with the old."""
        new = csr(usages=("server auth",), signer_name="other.example/s")
        assert validate_update(new, csr()) == []


class TestCertificateTransitions:
    @pytest.mark.parametrize("validator", [validate_update, validate_approval_update])
    def test_set_forbidden_outside_status(self, validator: Validator) -> None:
        """Only /status may set the certificate."""
        assert messages(validator(csr(certificate=certificate_pem()), csr())) == [
            SET_CERT
        ]

    def test_status_sets_once(self) -> None:
        """/status may set the certificate without an Approved condition."""
        assert validate_status_update(csr(certificate=certificate_pem()), csr()) == []

    @pytest.mark.parametrize("replacement", [b"", certificate_pem("other")])
    def test_status_may_not_replace(self, replacement: bytes) -> None:
        """/status may neither replace nor clear an issued certificate."""
        old = csr(certificate=certificate_pem())
        errors = validate_status_update(csr(certificate=replacement), old)
        assert messages(errors) == [MODIFY_CERT]

    def test_status_checks_new_content(self) -> None:
        """A newly set certificate must be valid PEM certificates."""
        errors = validate_status_update(csr(certificate=b"junk"), csr())
        assert messages(errors) == [
            'status.certificate: Invalid value: "<certificate data>": must contain at '
            "least one CERTIFICATE PEM block"
        ]


class TestRatcheting:
    @pytest.mark.parametrize(
        "stored",
        [
            csr(signer_name=SIGNER_LEGACY_UNKNOWN),
            csr(usages=("Unknown", "client auth")),
            csr(usages=("client auth", "client auth")),
            csr(Condition(type="", status="True")),
            csr(Condition(type="X", status="True"), Condition(type="X", status="True")),
            csr(APPROVED, DENIED),
            csr(certificate=b"junk"),
        ],
        ids=[
            "legacy-signer",
            "unknown-usage",
            "duplicate-usage",
            "empty-condition-type",
            "duplicate-condition-type",
            "approved-and-denied",
            "invalid-certificate",
        ],
    )
    @pytest.mark.parametrize("validator", ALL_PATHS)
    def test_stored_bad_data_tolerated(
        self, validator: Validator, stored: CertificateSigningRequest
    ) -> None:
        """Bad data already stored passes an update that keeps it, but not create."""
        assert validate_create(stored) != []
        new = dataclasses.replace(
            stored, metadata=dataclasses.replace(stored.metadata, labels={"a": "b"})
        )
        assert validator(new, stored) == []

    def test_tolerance_covers_new_bad_values_of_same_kind(self) -> None:
        """A stored unknown usage tolerates other unknown usages, as in Go."""
        old = csr(usages=("Unknown",))
        new = csr(usages=("Other", "client auth"))
        assert validate_update(new, old) == []

    def test_invalid_stored_certificate_still_immutable(self) -> None:
        """Content checks are skipped for stored junk, replacing it is still refused."""
        old = csr(certificate=b"junk")
        new = csr(certificate=b"other junk")
        assert messages(validate_status_update(new, old)) == [MODIFY_CERT]

    def test_no_tolerance_without_stored_problem(self) -> None:
        """Without bad stored data, an update is as strict as create."""
        errors = validate_update(csr(usages=("Unknown",)), csr())
        assert [(e.type, e.field) for e in errors] == [
            (ErrorType.NOT_SUPPORTED, "spec.usages[0]")
        ]
