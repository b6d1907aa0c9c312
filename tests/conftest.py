"""Shared test helpers: paths to the bundled Kubernetes fixtures."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
KUBERNETES = FIXTURES / "kubernetes"


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
