"""status.conditions and status.certificate, checked on every operation."""

from __future__ import annotations

import dataclasses

import pytest

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestStatus,
)
from csrmodels.validation import ErrorType, validate_create
from tests.validation_pki import certificate_der, certificate_pem, make_csr, pem

Condition = CertificateSigningRequestCondition
R, INV, NS, D = (
    ErrorType.REQUIRED,
    ErrorType.INVALID,
    ErrorType.NOT_SUPPORTED,
    ErrorType.DUPLICATE,
)
EXCLUSIVE = "Approved and Denied conditions are mutually exclusive"


def with_status(
    conditions: tuple[Condition, ...] = (), certificate: bytes = b""
) -> CertificateSigningRequest:
    """A valid CSR with the given status."""
    status = CertificateSigningRequestStatus(
        conditions=conditions, certificate=certificate
    )
    return dataclasses.replace(make_csr(), status=status)


def status_errors(
    csr: CertificateSigningRequest,
) -> list[tuple[ErrorType, str, object]]:
    """Type, path and bad value of each status error."""
    return [
        (e.type, e.field, e.bad_value)
        for e in validate_create(csr)
        if e.field.startswith("status")
    ]


class TestConditions:
    @pytest.mark.parametrize(
        "conditions",
        [
            (Condition(type="Approved", status="True"),),
            (Condition(type="Denied", status="True"),),
            (
                Condition(type="Approved", status="True"),
                Condition(type="Failed", status="True"),
            ),
            (Condition(type="Custom", status="False"),),
            (Condition(type="Custom", status="Unknown"),),
        ],
    )
    def test_valid(self, conditions: tuple[Condition, ...]) -> None:
        """Known types with True, custom types with any of the three statuses."""
        assert status_errors(with_status(conditions)) == []

    def test_empty_type_and_status_required(self) -> None:
        """An empty type and an empty status are both Required."""
        csr = with_status((Condition(type="", status=""),))
        assert status_errors(csr) == [
            (R, "status.conditions[0].type", ""),
            (R, "status.conditions[0].status", ""),
        ]

    @pytest.mark.parametrize("kind", ["Approved", "Denied", "Failed"])
    def test_known_types_only_true(self, kind: str) -> None:
        """Approved, Denied and Failed support only status True."""
        csr = with_status((Condition(type=kind, status="False"),))
        [error] = validate_create(csr)
        assert str(error) == (
            'status.conditions[0].status: Unsupported value: "False": '
            'supported values: "True"'
        )

    def test_custom_type_statuses(self) -> None:
        """A custom type supports True, False and Unknown, listed sorted."""
        [error] = validate_create(with_status((Condition(type="X", status="true"),)))
        assert error.detail == 'supported values: "False", "True", "Unknown"'
        assert error.type is NS

    def test_approved_and_denied_exclusive(self) -> None:
        """Each Approved/Denied after one of the other type is Invalid on the list."""
        conditions = (
            Condition(type="Denied", status="True"),
            Condition(type="Failed", status="True"),
            Condition(type="Approved", status="True"),
        )
        errors = validate_create(with_status(conditions))
        assert [(e.type, e.field, e.bad_value, e.detail) for e in errors] == [
            (INV, "status.conditions", "Approved", EXCLUSIVE)
        ]
        assert str(errors[0]) == (
            f'status.conditions: Invalid value: "Approved": {EXCLUSIVE}'
        )

    def test_duplicates(self) -> None:
        """A repeated type is a Duplicate at every repeat."""
        conditions = (
            Condition(type="Approved", status="True"),
            Condition(type="Denied", status="True"),
            Condition(type="Approved", status="True"),
            Condition(type="Custom", status="True"),
            Condition(type="Custom", status="False"),
        )
        assert status_errors(with_status(conditions)) == [
            (INV, "status.conditions", "Denied"),
            (INV, "status.conditions", "Approved"),
            (D, "status.conditions[2].type", "Approved"),
            (D, "status.conditions[4].type", "Custom"),
        ]


def with_serial(serial: bytes) -> bytes:
    """The test certificate with its serial number INTEGER content replaced."""
    der = certificate_der()
    # Serial 1 is the first INTEGER 02 01 01 after the TBS header and version.
    index = der.index(b"\x02\x01\x01")
    return pem(der[:index] + b"\x02\x01" + serial + der[index + 3 :], "CERTIFICATE")


class TestCertificate:
    @pytest.mark.parametrize(
        "certificate",
        [
            b"",
            certificate_pem(),
            certificate_pem("leaf") + certificate_pem("ca"),
            b"intro\n" + certificate_pem() + b"between\n" + certificate_pem() + b"end",
            pem(certificate_der("a") + certificate_der("b"), "CERTIFICATE"),
            with_serial(b"\x00"),
        ],
        ids=["empty", "one", "chain", "text-around", "two-in-one-block", "zero-serial"],
    )
    def test_valid(self, certificate: bytes) -> None:
        """Empty, or CERTIFICATE blocks of DER certificates, with text around."""
        assert status_errors(with_status(certificate=certificate)) == []

    @pytest.mark.parametrize(
        ("certificate", "detail"),
        [
            (b"garbage", "must contain at least one CERTIFICATE PEM block"),
            (
                b"-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n",
                "must contain at least one CERTIFICATE PEM block",
            ),
            (
                certificate_pem() + pem(b"\x30\x00", "PRIVATE KEY"),
                'only CERTIFICATE PEM blocks are allowed, found "PRIVATE KEY"',
            ),
            (
                pem(certificate_der(), "CERTIFICATE", headers="Key: v\n\n"),
                "no PEM block headers are permitted",
            ),
            (
                b"-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
                "found CERTIFICATE PEM block containing 0 certificates",
            ),
            (
                pem(b"\x30\x03\x02\x01\x00", "CERTIFICATE"),
                "x509: malformed certificate",
            ),
            (
                pem(certificate_der() + b"\x30", "CERTIFICATE"),
                "x509: malformed certificate",
            ),
            (with_serial(b"\xff"), "x509: negative serial number"),
        ],
        ids=[
            "no-block",
            "bad-base64-only",
            "other-type",
            "headers",
            "empty-block",
            "not-a-certificate",
            "trailing-bytes",
            "negative-serial",
        ],
    )
    def test_invalid(self, certificate: bytes, detail: str) -> None:
        """Each problem is one Invalid with the data withheld from the message."""
        errors = validate_create(with_status(certificate=certificate))
        assert [(e.type, e.field, e.detail) for e in errors] == [
            (INV, "status.certificate", detail)
        ]
        assert str(errors[0]) == (
            f'status.certificate: Invalid value: "<certificate data>": {detail}'
        )
