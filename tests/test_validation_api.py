"""The public front: error types, messages, the raising variants, import cost."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import csrmodels
from csrmodels import CSRModelsError
from csrmodels import validation as validation_module
from csrmodels.validation import (
    ErrorType,
    FieldError,
    ValidationError,
    check_approval_update,
    check_create,
    check_status_update,
    check_update,
    validate_create,
)
from tests.validation_pki import make_csr


class TestErrorType:
    def test_reasons(self) -> None:
        """Member values are the API server's cause reasons."""
        assert {member.name: member.value for member in ErrorType} == {
            "REQUIRED": "FieldValueRequired",
            "INVALID": "FieldValueInvalid",
            "NOT_SUPPORTED": "FieldValueNotSupported",
            "DUPLICATE": "FieldValueDuplicate",
            "FORBIDDEN": "FieldValueForbidden",
            "TOO_LONG": "FieldValueTooLong",
        }


class TestFieldError:
    @pytest.mark.parametrize(
        ("error", "text"),
        [
            (
                FieldError(ErrorType.REQUIRED, "spec.x", "", ""),
                "spec.x: Required value",
            ),
            (
                FieldError(ErrorType.REQUIRED, "metadata.name", "", "why"),
                "metadata.name: Required value: why",
            ),
            (
                FieldError(ErrorType.FORBIDDEN, "a", "ignored", "no"),
                "a: Forbidden: no",
            ),
            (
                FieldError(
                    ErrorType.TOO_LONG, "a", "x" * 600, "may not be more than 5 bytes"
                ),
                "a: Too long: may not be more than 5 bytes",
            ),
            (FieldError(ErrorType.INVALID, "a", 5, "d"), "a: Invalid value: 5: d"),
            (
                FieldError(ErrorType.INVALID, "a", None, "d"),
                "a: Invalid value: null: d",
            ),
            (
                FieldError(ErrorType.INVALID, "a", True, "d"),
                "a: Invalid value: true: d",
            ),
            (
                FieldError(ErrorType.DUPLICATE, "a[1]", 'q"\\\n\x00é\u200b', ""),
                'a[1]: Duplicate value: "q\\"\\\\\\n\\x00é\\u200b"',
            ),
            (
                FieldError(ErrorType.INVALID, "a", b"", "d"),
                "a: Invalid value: []byte{}: d",
            ),
            (
                FieldError(ErrorType.INVALID, "a", ("x", "y"), "d"),
                'a: Invalid value: []string{"x", "y"}: d',
            ),
            (
                FieldError(
                    ErrorType.INVALID,
                    "a",
                    datetime(2026, 5, 6, 7, 8, 9, tzinfo=UTC),
                    "d",
                ),
                "a: Invalid value: 2026-05-06 07:08:09 +0000 UTC: d",
            ),
        ],
        ids=[
            "required",
            "required-detail",
            "forbidden-omits-value",
            "too-long-omits-value",
            "int",
            "null",
            "bool",
            "go-quoting",
            "bytes",
            "strings",
            "time",
        ],
    )
    def test_str_like_api_server(self, error: FieldError, text: str) -> None:
        """str() follows apimachinery's field.Error.Error()."""
        assert str(error) == text
        assert repr(error) == f"<FieldError {text}>"

    def test_hashable_and_equal(self) -> None:
        """Errors compare by value, so tests and callers can match them."""
        first = FieldError(ErrorType.REQUIRED, "spec.usages", "", "")
        assert first == FieldError(ErrorType.REQUIRED, "spec.usages", "", "")
        assert len({first, FieldError(ErrorType.REQUIRED, "spec.usages", "", "")}) == 1


class TestCheck:
    def test_valid_returns_model(self) -> None:
        """check_create returns the model for a valid object or mapping."""
        csr = make_csr()
        assert check_create(csr) is csr
        assert check_create(csr.to_dict()) == csr

    def test_invalid_raises_with_errors(self) -> None:
        """check_create raises ValidationError listing every error."""
        with pytest.raises(ValidationError, match="2 field errors") as info:
            check_create(make_csr(usages=(), signer_name=""))
        assert [e.field for e in info.value.errors] == [
            "spec.usages",
            "spec.signerName",
        ]
        assert isinstance(info.value, CSRModelsError)
        assert isinstance(info.value, ValueError)
        assert "  spec.usages: Required value" in str(info.value)

    def test_update_variants(self) -> None:
        """The update variants raise on what the matching validator reports."""
        old = make_csr(resource_version="1")
        approved = old.approve(reason="OK")
        assert check_approval_update(approved, old) is approved
        assert check_update(old, old) is old
        with pytest.raises(
            ValidationError, match='may not add a condition of type "Ap'
        ):
            check_status_update(approved, old)
        with pytest.raises(ValidationError, match=r"1 field error\n"):
            check_update(approved, old)


class TestModule:
    def test_all_sorted_and_public(self) -> None:
        """__all__ is sorted and every name in it exists."""
        names = validation_module.__all__
        assert names == sorted(names)
        assert all(hasattr(validation_module, name) for name in names)

    def test_lifecycle_error_exported(self) -> None:
        """The lifecycle error is part of the package's public names."""
        assert "ConditionConflictError" in csrmodels.__all__

    def test_import_stays_light(self) -> None:
        """Importing csrmodels does not import cryptography or the validators."""
        code = (
            "import sys, csrmodels; m = sys.modules; "
            "print('cryptography' in m, 'csrmodels.validation' in m)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONPATH": str(Path(csrmodels.__file__).parents[1])},
        )
        assert result.stdout.split() == ["False", "False"]

    def test_empty_list_when_valid(self) -> None:
        """A valid CSR gives an empty list."""
        assert validate_create(make_csr()) == []
