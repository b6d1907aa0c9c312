"""Shared test helpers: Kubernetes fixtures, x509 keys and CAs, a test API server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    validation,
)
from csrmodels.signer import Signer
from tests.apiserver import TEST_USER, ApiServer

FIXTURES = Path(__file__).parent / "fixtures"
KUBERNETES = FIXTURES / "kubernetes"
_WATCHDOG_SECONDS = 30.0


def v1_fixtures(suffix: str) -> list[Path]:
    """Every certificates.k8s.io/v1 CSR fixture with the given suffix."""
    pattern = f"testdata*/*/certificates.k8s.io.v1.CertificateSigningRequest{suffix}"
    return sorted(KUBERNETES.glob(pattern))


def v1beta1_fixtures(suffix: str) -> list[Path]:
    """Every certificates.k8s.io/v1beta1 CSR fixture with the given suffix."""
    pattern = (
        f"testdata*/*/certificates.k8s.io.v1beta1.CertificateSigningRequest*{suffix}"
    )
    return sorted(KUBERNETES.glob(pattern))


# x509 material, generated once per session: RSA key generation is slow.

SIGNING_TIME = datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class IssuingCA:
    """A CA certificate with its key."""

    certificate: x509.Certificate
    private_key: (
        ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey
    )


def make_ca(
    private_key: (
        ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey
    ),
    *,
    not_after: datetime,
    subject_key_identifier: bool = True,
) -> IssuingCA:
    """Self-sign a CA certificate valid from a day before `SIGNING_TIME`."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "csrmodels test CA")])
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(SIGNING_TIME - timedelta(days=1))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if subject_key_identifier:
        builder = builder.add_extension(
            x509.SubjectKeyIdentifier.from_public_key(private_key.public_key()),
            critical=False,
        )
    algorithm = (
        None if isinstance(private_key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    )
    return IssuingCA(builder.sign(private_key, algorithm), private_key)


def approved(csr: CertificateSigningRequest) -> CertificateSigningRequest:
    """
    Return `csr` as stored and approved: a resource version, an Approved condition.
    """
    condition = CertificateSigningRequestCondition(
        type="Approved",
        status="True",
        reason="AutoApproved",
        message="approved by the test",
        last_update_time=SIGNING_TIME - timedelta(seconds=30),
        last_transition_time=SIGNING_TIME - timedelta(seconds=30),
    )
    status = replace(csr.status, conditions=(*csr.status.conditions, condition))
    metadata = replace(
        csr.metadata, resource_version=csr.metadata.resource_version or "1"
    )
    return replace(csr, metadata=metadata, status=status)


@pytest.fixture(scope="session")
def rsa_key() -> rsa.RSAPrivateKey:
    """One RSA-2048 key for the whole session."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="session")
def ec_key() -> ec.EllipticCurvePrivateKey:
    """One ECDSA P-256 key for the whole session."""
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="session")
def ed25519_key() -> ed25519.Ed25519PrivateKey:
    """One Ed25519 key for the whole session."""
    return ed25519.Ed25519PrivateKey.generate()


@pytest.fixture(scope="session")
def ca() -> IssuingCA:
    """An ECDSA P-256 CA valid for 30 days around `SIGNING_TIME`."""
    key = ec.generate_private_key(ec.SECP256R1())
    return make_ca(key, not_after=SIGNING_TIME + timedelta(days=30))


@pytest.fixture
def api_server() -> Iterator[ApiServer]:
    """
    A test kube-apiserver for CSRs on a free loopback port, stopped afterwards.

    A watchdog stops it after `_WATCHDOG_SECONDS`, so a client waiting for an
    event that never comes fails with a connection error instead of hanging.
    """
    server = ApiServer(validation=validation, user=TEST_USER)
    watchdog = threading.Timer(_WATCHDOG_SECONDS, server.stop)
    watchdog.daemon = True
    with server:
        watchdog.start()
        yield server
    watchdog.cancel()


@pytest.fixture(scope="session")
def signer(ca: IssuingCA) -> Signer:
    """A signer on the session CA with the default maximum (365 days)."""
    return Signer(ca.certificate, ca.private_key)
