"""
Names that Kubernetes closes: key usages, condition types and statuses, signers.

Decoding keeps any string in these places (the Kubernetes fixtures carry values
such as ``"usagesValue"``); checking them is the job of `csrmodels.validation`.
The `Literal` aliases let type checkers catch a misspelt value in your code.
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias, get_args

__all__ = [
    "API_VERSION",
    "KEY_USAGES",
    "KIND",
    "LIST_KIND",
    "SIGNER_KUBELET_SERVING",
    "SIGNER_KUBE_APISERVER_CLIENT",
    "SIGNER_KUBE_APISERVER_CLIENT_KUBELET",
    "SIGNER_LEGACY_UNKNOWN",
    "ConditionStatus",
    "ConditionType",
    "KeyUsage",
]

API_VERSION: Final = "certificates.k8s.io/v1"
"""The `apiVersion` of every object this library models."""
KIND: Final = "CertificateSigningRequest"
"""The `kind` of a CSR."""
LIST_KIND: Final = "CertificateSigningRequestList"
"""The `kind` of a list of CSRs."""

SIGNER_KUBE_APISERVER_CLIENT: Final = "kubernetes.io/kube-apiserver-client"
"""Client certificates that kube-apiserver accepts for users (`for_user`)."""
SIGNER_KUBE_APISERVER_CLIENT_KUBELET: Final = (
    "kubernetes.io/kube-apiserver-client-kubelet"
)
"""Client certificates of kubelets, for `system:node:<name>` (`for_kubelet_client`)."""
SIGNER_KUBELET_SERVING: Final = "kubernetes.io/kubelet-serving"
"""Serving certificates of kubelets (`for_kubelet_serving`)."""
# Refused for new objects by the v1 API; kept for objects made through v1beta1.
SIGNER_LEGACY_UNKNOWN: Final = "kubernetes.io/legacy-unknown"
"""The v1beta1 default signer; the v1 API refuses it for new CSRs."""

# Mirrors the KeyUsage enum of k8s.io/api/certificates/v1, in its order.
KeyUsage: TypeAlias = Literal[
    "signing",
    "digital signature",
    "content commitment",
    "key encipherment",
    "key agreement",
    "data encipherment",
    "cert sign",
    "crl sign",
    "encipher only",
    "decipher only",
    "any",
    "server auth",
    "client auth",
    "code signing",
    "email protection",
    "s/mime",
    "ipsec end system",
    "ipsec tunnel",
    "ipsec user",
    "timestamping",
    "ocsp signing",
    "microsoft sgc",
    "netscape sgc",
]
"""A value of `spec.usages`, in the order of the Go `KeyUsage` constants."""
KEY_USAGES: Final[frozenset[str]] = frozenset(get_args(KeyUsage))
"""The 23 values `spec.usages` may hold, as a set."""

ConditionType: TypeAlias = Literal["Approved", "Denied", "Failed"]
"""The condition types with a meaning to Kubernetes; others are kept as they are."""
ConditionStatus: TypeAlias = Literal["True", "False", "Unknown"]
"""The values of a condition's `status`."""
