"""Shared test helpers: paths to the bundled Kubernetes fixtures, a test API server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

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


@pytest.fixture
def api_server() -> Iterator[ApiServer]:
    """
    A test kube-apiserver for CSRs on a free loopback port, stopped afterwards.

    A watchdog stops it after `_WATCHDOG_SECONDS`, so a client waiting for an
    event that never comes fails with a connection error instead of hanging.
    """
    server = ApiServer(validation=None, user=TEST_USER)
    watchdog = threading.Timer(_WATCHDOG_SECONDS, server.stop)
    watchdog.daemon = True
    with server:
        watchdog.start()
        yield server
    watchdog.cancel()
