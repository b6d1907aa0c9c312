"""spec.usages, spec.signerName and spec.expirationSeconds on create."""

from __future__ import annotations

import pytest

from csrmodels import KEY_USAGES, SIGNER_KUBE_APISERVER_CLIENT, SIGNER_LEGACY_UNKNOWN
from csrmodels.validation import ErrorType, FieldError, validate_create
from tests.validation_pki import make_csr

R, INV, NS, D, TL = (
    ErrorType.REQUIRED,
    ErrorType.INVALID,
    ErrorType.NOT_SUPPORTED,
    ErrorType.DUPLICATE,
    ErrorType.TOO_LONG,
)
LABEL_REGEX = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
    "or '-', and must start and end with an alphanumeric character (e.g. 'my-name',"
    "  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
)
SUBDOMAIN_REGEX = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
    "characters, '-' or '.', and must start and end with an alphanumeric character "
    "(e.g. 'example.com', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
)
TWO_SEGMENTS = "should be a domain with at least two segments separated by dots"


def spec_errors(field_prefix: str, **changes: object) -> list[FieldError]:
    """The errors under `field_prefix` for a valid CSR with `changes`."""
    errors = validate_create(make_csr(**changes))  # type: ignore[arg-type]
    return [e for e in errors if e.field.startswith(field_prefix)]


def summary(errors: list[FieldError]) -> list[tuple[ErrorType, str, object]]:
    """Type, path and bad value of each error."""
    return [(e.type, e.field, e.bad_value) for e in errors]


class TestUsages:
    def test_every_known_usage_valid(self) -> None:
        """All 23 key usages are accepted together."""
        assert spec_errors("spec.usages", usages=tuple(sorted(KEY_USAGES))) == []

    def test_empty_is_required(self) -> None:
        """No usages is Required with an empty detail."""
        [error] = spec_errors("spec.usages", usages=())
        assert (error.type, error.field, error.detail) == (R, "spec.usages", "")
        assert str(error) == "spec.usages: Required value"

    def test_unknown_not_supported(self) -> None:
        """An unknown usage is NotSupported with the sorted list of usages."""
        [error] = spec_errors("spec.usages", usages=("client auth", "Client Auth"))
        assert summary([error]) == [(NS, "spec.usages[1]", "Client Auth")]
        supported = ", ".join(f'"{usage}"' for usage in sorted(KEY_USAGES))
        assert str(error) == (
            f'spec.usages[1]: Unsupported value: "Client Auth": supported values: '
            f"{supported}"
        )

    def test_duplicates(self) -> None:
        """Every repeat of an earlier usage is a Duplicate."""
        usages = ("any", "any", "server auth", "any")
        assert summary(spec_errors("spec.usages", usages=usages)) == [
            (D, "spec.usages[1]", "any"),
            (D, "spec.usages[3]", "any"),
        ]

    def test_unknown_repeated_gets_both(self) -> None:
        """An unknown repeated usage: NotSupported at each, Duplicate at the repeat."""
        assert summary(spec_errors("spec.usages", usages=("foo", "foo"))) == [
            (NS, "spec.usages[0]", "foo"),
            (NS, "spec.usages[1]", "foo"),
            (D, "spec.usages[1]", "foo"),
        ]

    def test_usage_not_checked_against_signer(self) -> None:
        """A server usage on a client signer is a valid object."""
        csr = make_csr(
            signer_name=SIGNER_KUBE_APISERVER_CLIENT, usages=("server auth",)
        )
        assert validate_create(csr) == []


class TestSignerName:
    @pytest.mark.parametrize(
        "name",
        [
            "example.com/signer",
            "kubernetes.io/kube-apiserver-client",
            "kubernetes.io/anything-else",
            "a.b/c.d.e",
            "a-1.b2/x" + "." + "y" * 253,
            "x" * 63 + ".com/" + "p" * 253,
        ],
    )
    def test_valid(self, name: str) -> None:
        """Syntactically valid names pass, well-known or not."""
        assert spec_errors("spec.signerName", signer_name=name) == []

    def test_legacy_unknown_refused(self) -> None:
        """The legacy signer is Invalid on create, with no other signer check."""
        [error] = spec_errors("spec.signerName", signer_name=SIGNER_LEGACY_UNKNOWN)
        assert str(error) == (
            'spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": '
            "the legacy signerName is not allowed via this API version"
        )

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("", [(R, "", "")]),
            (
                "example.com",
                [
                    (
                        INV,
                        "example.com",
                        "must be a fully qualified domain and path of the form "
                        "'example.com/signer-name'",
                    )
                ],
            ),
            (
                "a.com/b/c",
                [
                    (
                        INV,
                        "a.com/b/c",
                        "must be a fully qualified domain and path of the form "
                        "'example.com/signer-name'",
                    )
                ],
            ),
            (
                "/signer",
                [
                    (INV, "", f'validating label "": {LABEL_REGEX}'),
                    (INV, "", TWO_SEGMENTS),
                ],
            ),
            ("example/signer", [(INV, "example", TWO_SEGMENTS)]),
            (
                "Example.com/signer",
                [(INV, "Example.com", f'validating label "Example": {LABEL_REGEX}')],
            ),
            (
                "a..com/signer",
                [(INV, "a..com", f'validating label "": {LABEL_REGEX}')],
            ),
            (
                "bad_.x_.com/s",
                [(INV, "bad_.x_.com", f'validating label "bad_": {LABEL_REGEX}')],
            ),
            (
                "example.com/",
                [(INV, "", f'validating label "": {SUBDOMAIN_REGEX}')],
            ),
            (
                "example.com/Signer_Name",
                [
                    (
                        INV,
                        "Signer_Name",
                        f'validating label "Signer_Name": {SUBDOMAIN_REGEX}',
                    )
                ],
            ),
        ],
        ids=[
            "empty",
            "no-slash",
            "two-slashes",
            "empty-domain",
            "single-label-domain",
            "uppercase-domain",
            "double-dot",
            "first-bad-label-only",
            "empty-path",
            "path-underscore",
        ],
    )
    def test_invalid(
        self, name: str, expected: list[tuple[ErrorType, str, str]]
    ) -> None:
        """Each syntax problem gives the API server's type, value and detail."""
        errors = spec_errors("spec.signerName", signer_name=name)
        assert [(e.type, e.bad_value, e.detail) for e in errors] == expected
        assert {e.field for e in errors} == {"spec.signerName"}

    def test_long_label(self) -> None:
        """A 64-byte domain label is Invalid, reported with the whole domain."""
        domain = "a" * 64 + ".com"
        errors = spec_errors("spec.signerName", signer_name=f"{domain}/s")
        assert [(e.type, e.bad_value, e.detail) for e in errors] == [
            (
                INV,
                domain,
                f'validating label "{"a" * 64}": must be no more than 63 characters',
            )
        ]

    def test_long_domain(self) -> None:
        """A domain over 253 bytes is TooLong, and its message omits the value."""
        # field.TooLong in apimachinery's field/errors.go: "may not be more than
        # %d bytes" since Kubernetes 1.33 (PR 128553).
        domain = ".".join(["a" * 63] * 4)  # 255 bytes
        errors = spec_errors("spec.signerName", signer_name=f"{domain}/s")
        assert summary(errors) == [(TL, "spec.signerName", "")]
        expected = "spec.signerName: Too long: may not be more than 253 bytes"
        assert str(errors[0]) == expected

    def test_long_path_piece(self) -> None:
        """A path piece over 253 bytes is Invalid with the length message."""
        piece = "p" * 254
        errors = spec_errors("spec.signerName", signer_name=f"a.com/{piece}")
        assert [(e.type, e.detail) for e in errors] == [
            (INV, f'validating label "{piece}": must be no more than 253 characters')
        ]

    def test_long_total(self) -> None:
        """A name over 571 bytes is TooLong even when each part is valid."""
        name = "a.com/" + ".".join(["p" * 250] * 3)
        errors = spec_errors("spec.signerName", signer_name=name)
        assert summary(errors) == [(TL, "spec.signerName", "")]
        assert errors[0].detail == "may not be more than 571 bytes"


class TestExpirationSeconds:
    @pytest.mark.parametrize("seconds", [None, 600, 86400, 2**31 - 1])
    def test_valid(self, seconds: int | None) -> None:
        """Absent or at least 600 seconds is valid; there is no upper bound."""
        assert spec_errors("spec.expirationSeconds", expiration_seconds=seconds) == []

    @pytest.mark.parametrize("seconds", [599, 0, -1])
    def test_below_minimum(self, seconds: int) -> None:
        """Less than 600 seconds, including 0 and negatives, is Invalid."""
        [error] = spec_errors("spec.expirationSeconds", expiration_seconds=seconds)
        assert str(error) == (
            f"spec.expirationSeconds: Invalid value: {seconds}: "
            "may not specify a duration less than 600 seconds (10 minutes)"
        )
