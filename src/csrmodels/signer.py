"""
Sign CSR objects with your own CA, as kube-controller-manager does (needs
`cryptography`).

`Signer` answers approved CSRs; the in-tree policies of the four
`kubernetes.io/` signer names are built in, and custom signer names bring a
`SigningPolicy`, any callable ``(request, spec) -> str | None``.
"""

from __future__ import annotations

from csrmodels._signer import (
    DEFAULT_MAX_DURATION,
    FAILED_REASON,
    Signer,
    SigningError,
)
from csrmodels._signer_cert import BACKDATE, MIN_DURATION, SHORT
from csrmodels._signer_policy import (
    IN_TREE_POLICIES,
    SigningPolicy,
    kube_apiserver_client_kubelet_policy,
    kube_apiserver_client_policy,
    kubelet_serving_policy,
    legacy_unknown_policy,
)

__all__ = [
    "BACKDATE",
    "DEFAULT_MAX_DURATION",
    "FAILED_REASON",
    "IN_TREE_POLICIES",
    "MIN_DURATION",
    "SHORT",
    "Signer",
    "SigningError",
    "SigningPolicy",
    "kube_apiserver_client_kubelet_policy",
    "kube_apiserver_client_policy",
    "kubelet_serving_policy",
    "legacy_unknown_policy",
]
