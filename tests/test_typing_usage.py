"""
Code written as a user writes it, checked by `mypy --strict` (CI runs mypy on
tests) and run by pytest. `assert_type` fails the type check if an annotation
is wider or narrower than stated; at run time it does nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import assert_type

import pytest

from csrmodels import (
    SIGNER_KUBE_APISERVER_CLIENT,
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestList,
    CertificateSigningRequestSpec,
    CertificateSigningRequestStatus,
    DecodeError,
    DecodeProblem,
    KeyUsage,
    ObjectMeta,
)

WIRE = {
    "metadata": {"name": "jane", "labels": {"team": "a"}},
    "spec": {
        "request": "AQ==",
        "signerName": "kubernetes.io/kube-apiserver-client",
        "expirationSeconds": 3600,
        "usages": ["client auth"],
    },
    "status": {
        "conditions": [
            {
                "type": "Approved",
                "status": "True",
                "lastUpdateTime": "2024-01-01T00:00:00Z",
            }
        ]
    },
}


class TestTypedUsage:
    """What a type checker infers for code that uses csrmodels."""

    def test_decoded_fields_have_precise_types(self) -> None:
        """from_dict returns the class it is called on, with typed fields."""
        csr = CertificateSigningRequest.from_dict(WIRE)

        assert_type(csr, CertificateSigningRequest)
        assert_type(csr.spec.signer_name, str)
        assert_type(csr.spec.request, bytes)
        assert_type(csr.spec.expiration_seconds, int | None)
        assert_type(csr.spec.usages, tuple[str, ...])
        assert_type(csr.metadata.labels, Mapping[str, str])
        assert_type(csr.status.conditions[0].last_update_time, datetime | None)
        assert csr.spec.signer_name == SIGNER_KUBE_APISERVER_CLIENT
        assert csr.metadata.labels["team"] == "a"

    def test_building_with_keywords_and_replace(self) -> None:
        """Keyword constructors and dataclasses.replace keep the types."""
        usages: tuple[KeyUsage, ...] = ("digital signature", "client auth")
        csr = CertificateSigningRequest(
            metadata=ObjectMeta(generate_name="jane-"),
            spec=CertificateSigningRequestSpec(
                request=b"PEM", signer_name=SIGNER_KUBE_APISERVER_CLIENT, usages=usages
            ),
        )
        approved = dataclasses.replace(
            csr,
            status=CertificateSigningRequestStatus(
                conditions=(
                    CertificateSigningRequestCondition(
                        type="Approved",
                        status="True",
                        last_update_time=datetime(2024, 1, 1, tzinfo=UTC),
                    ),
                )
            ),
        )

        assert_type(approved, CertificateSigningRequest)
        assert approved.status.conditions[0].type == "Approved"
        assert csr.status.conditions == ()

    def test_lists_and_errors_are_typed(self) -> None:
        """Lists hold typed items; DecodeError carries typed problems."""
        csrs = CertificateSigningRequestList.from_json(b'{"items": []}')
        assert_type(csrs.items, tuple[CertificateSigningRequest, ...])

        with pytest.raises(DecodeError) as caught:
            CertificateSigningRequest.from_dict({"spec": {}})

        assert_type(caught.value.problems, tuple[DecodeProblem, ...])
        assert [problem.path for problem in caught.value.problems] == [
            "spec.request",
            "spec.signerName",
        ]
