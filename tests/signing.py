"""Helpers for the signer tests: building, signing and checking CSRs."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from csrmodels import (
    SIGNER_LEGACY_UNKNOWN,
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
)
from csrmodels.signer import (
    FAILED_REASON,
    Signer,
)
from csrmodels.validation import validate_status_update
from csrmodels.x509 import RequestPrivateKey
from tests.conftest import SIGNING_TIME, approved

NOW = SIGNING_TIME
"""The signing time of every test (whole seconds)."""

AnyKey = RequestPrivateKey


def signed(
    signer: Signer, csr: CertificateSigningRequest, now: datetime = NOW
) -> CertificateSigningRequest:
    """Sign and check the result is a valid /status update of its input."""
    result = signer.sign(csr, now)
    assert validate_status_update(result, csr) == []
    return result


def only_leaf(csr: CertificateSigningRequest) -> x509.Certificate:
    """The single certificate the signer wrote (it never adds the chain)."""
    certificates = csr.status.parse_certificates()
    assert len(certificates) == 1
    return certificates[0]


def custom_csr(
    key: AnyKey,
    *,
    usages: tuple[str, ...] = ("digital signature", "client auth"),
    signer_name: str = SIGNER_LEGACY_UNKNOWN,
    common_name: str = "alice",
    organizations: tuple[str, ...] = (),
    dns_names: tuple[str, ...] = (),
    ip_addresses: tuple[str, ...] = (),
    email_addresses: tuple[str, ...] = (),
    uris: tuple[str, ...] = (),
    expiration: timedelta | None = None,
    approve: bool = True,
) -> CertificateSigningRequest:
    """A CSR built from the given parts, approved unless told otherwise."""
    csr = CertificateSigningRequest.from_private_key(
        key,
        signer_name=signer_name,
        usages=usages,
        common_name=common_name,
        organizations=organizations,
        dns_names=dns_names,
        ip_addresses=ip_addresses,
        email_addresses=email_addresses,
        uris=uris,
        name="test-csr",
        expiration=expiration,
    )
    return approved(csr) if approve else csr


def with_request(
    csr: CertificateSigningRequest, request: x509.CertificateSigningRequest
) -> CertificateSigningRequest:
    """`csr` carrying another PKCS#10 request."""
    spec = replace(csr.spec, request=request.public_bytes(serialization.Encoding.PEM))
    return replace(csr, spec=spec)


def failed_message(result: CertificateSigningRequest) -> str:
    """Check `result` was marked Failed by the signer; return the message."""
    failed = result.status.conditions[-1]
    assert failed.type == "Failed"
    assert failed.status == "True"
    assert failed.reason == FAILED_REASON
    assert failed.last_update_time == NOW
    assert failed.last_transition_time is None
    assert result.status.certificate == b""
    return failed.message


def with_condition(
    csr: CertificateSigningRequest, type_: str, status: str = "True"
) -> CertificateSigningRequest:
    """`csr` with one more condition of the given type and status."""
    condition = CertificateSigningRequestCondition(type=type_, status=status)
    return replace(
        csr, status=replace(csr.status, conditions=(*csr.status.conditions, condition))
    )


def serving_csr(key: AnyKey) -> CertificateSigningRequest:
    """An approved kubelet serving CSR for node-1 (a DNS name and an IP)."""
    return approved(
        CertificateSigningRequest.for_kubelet_serving(
            key,
            node_name="node-1",
            dns_names=["node-1.example"],
            ip_addresses=["10.0.0.5"],
            name="node-1-serving",
            expiration=timedelta(hours=1),
        )
    )
