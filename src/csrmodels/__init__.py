"""
Typed, frozen models of Kubernetes CertificateSigningRequests
(certificates.k8s.io/v1), with a codec for their exact wire form.
"""

from csrmodels._csr import (
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestList,
    CertificateSigningRequestSpec,
    CertificateSigningRequestStatus,
)
from csrmodels._errors import CSRModelsError, DecodeError, DecodeProblem
from csrmodels._frozen import FrozenDict, JSONValue
from csrmodels._lifecycle import ConditionConflictError
from csrmodels._meta import (
    ListMeta,
    ManagedFieldsEntry,
    ObjectMeta,
    OwnerReference,
    ShardInfo,
)
from csrmodels._names import (
    API_VERSION,
    KEY_USAGES,
    KIND,
    LIST_KIND,
    SIGNER_KUBE_APISERVER_CLIENT,
    SIGNER_KUBE_APISERVER_CLIENT_KUBELET,
    SIGNER_KUBELET_SERVING,
    SIGNER_LEGACY_UNKNOWN,
    ConditionStatus,
    ConditionType,
    KeyUsage,
)

__all__ = [
    "API_VERSION",
    "KEY_USAGES",
    "KIND",
    "LIST_KIND",
    "SIGNER_KUBELET_SERVING",
    "SIGNER_KUBE_APISERVER_CLIENT",
    "SIGNER_KUBE_APISERVER_CLIENT_KUBELET",
    "SIGNER_LEGACY_UNKNOWN",
    "CSRModelsError",
    "CertificateSigningRequest",
    "CertificateSigningRequestCondition",
    "CertificateSigningRequestList",
    "CertificateSigningRequestSpec",
    "CertificateSigningRequestStatus",
    "ConditionConflictError",
    "ConditionStatus",
    "ConditionType",
    "DecodeError",
    "DecodeProblem",
    "FrozenDict",
    "JSONValue",
    "KeyUsage",
    "ListMeta",
    "ManagedFieldsEntry",
    "ObjectMeta",
    "OwnerReference",
    "ShardInfo",
]
