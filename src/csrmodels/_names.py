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
KIND: Final = "CertificateSigningRequest"
LIST_KIND: Final = "CertificateSigningRequestList"

SIGNER_KUBE_APISERVER_CLIENT: Final = "kubernetes.io/kube-apiserver-client"
SIGNER_KUBE_APISERVER_CLIENT_KUBELET: Final = (
    "kubernetes.io/kube-apiserver-client-kubelet"
)
SIGNER_KUBELET_SERVING: Final = "kubernetes.io/kubelet-serving"
# Refused for new objects by the v1 API; kept for objects made through v1beta1.
SIGNER_LEGACY_UNKNOWN: Final = "kubernetes.io/legacy-unknown"

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
KEY_USAGES: Final[frozenset[str]] = frozenset(get_args(KeyUsage))

ConditionType: TypeAlias = Literal["Approved", "Denied", "Failed"]
ConditionStatus: TypeAlias = Literal["True", "False", "Unknown"]
