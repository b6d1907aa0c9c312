"""
Read and make the x509 content of CSR objects (needs `cryptography`).

Reading: `RequestInfo` for `spec.request`, `CertificateInfo` for the leaf of
`status.certificate`, `IssuedLifetime` for the lifetime asked for against the
one issued, and whether an issued certificate belongs to the request or to a
private key. Making: `CertificateSigningRequest.from_private_key` and its
presets use `build_request` and `expiration_seconds` from here.
"""

from __future__ import annotations

from csrmodels._x509_build import (
    RequestPrivateKey,
    build_request,
    expiration_seconds,
)
from csrmodels._x509_names import IPAddress, go_subject
from csrmodels._x509_read import (
    CertificateInfo,
    IssuedLifetime,
    PEMError,
    RequestInfo,
    certificate_matches_private_key,
    certificate_matches_request,
    load_certificates,
    load_request,
    public_key_description,
)

__all__ = [
    "CertificateInfo",
    "IPAddress",
    "IssuedLifetime",
    "PEMError",
    "RequestInfo",
    "RequestPrivateKey",
    "build_request",
    "certificate_matches_private_key",
    "certificate_matches_request",
    "expiration_seconds",
    "go_subject",
    "load_certificates",
    "load_request",
    "public_key_description",
]
