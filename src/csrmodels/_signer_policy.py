"""
Signing policies: what a signer accepts before it issues.

The four in-tree policies mirror kube-controller-manager's `csrsigning`
controllers (`pkg/controller/certificates/signer` and the kubelet checks of
`pkg/apis/certificates/helpers.go`), with their messages, which end up in the
`Failed` condition.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Protocol

from cryptography import x509

from csrmodels._names import (
    SIGNER_KUBE_APISERVER_CLIENT,
    SIGNER_KUBE_APISERVER_CLIENT_KUBELET,
    SIGNER_KUBELET_SERVING,
    SIGNER_LEGACY_UNKNOWN,
)
from csrmodels._x509_names import common_name, organizations, subject_alt_names
from csrmodels._x509_read import public_key_description

if TYPE_CHECKING:
    from collections.abc import Mapping

    from csrmodels._csr import CertificateSigningRequestSpec

__all__ = [
    "IN_TREE_POLICIES",
    "SigningPolicy",
    "kube_apiserver_client_kubelet_policy",
    "kube_apiserver_client_policy",
    "kubelet_serving_policy",
    "legacy_unknown_policy",
]


class SigningPolicy(Protocol):
    """
    Decide whether a signer issues for a request.

    A policy is any callable taking the parsed request and the CSR's spec
    (`spec.usages`, `spec.username`, `spec.groups`... are there) and returning
    None to accept, or the reason it refuses. The reason becomes the message of
    the `Failed` condition, as the in-tree signer's error does.
    """

    def __call__(
        self,
        request: x509.CertificateSigningRequest,
        spec: CertificateSigningRequestSpec,
        /,
    ) -> str | None: ...


_NODES: Final = ("system:nodes",)
_NODE_PREFIX: Final = "system:node:"

_MLDSA_DISALLOWED: Final = frozenset(
    {
        "key encipherment",
        "key agreement",
        "data encipherment",
        "encipher only",
        "decipher only",
    }
)
_MLDSA_ONE_OF: Final = (
    "cert sign",
    "content commitment",
    "crl sign",
    "digital signature",
)

_CLIENT_USAGES: Final = frozenset(
    {"digital signature", "key encipherment", "client auth"}
)
_KUBELET_CLIENT_USAGE_SETS: Final = (
    _CLIENT_USAGES,
    frozenset({"digital signature", "client auth"}),
)
_KUBELET_SERVING_USAGE_SETS: Final = (
    frozenset({"digital signature", "key encipherment", "server auth"}),
    frozenset({"digital signature", "server auth"}),
)


def _go_list(values: frozenset[str] | tuple[str, ...]) -> str:
    # Go prints a sorted string list as fmt's %v does: [a b c].
    return "[" + " ".join(sorted(values)) + "]"


def _mldsa_problem(
    request: x509.CertificateSigningRequest, usages: frozenset[str]
) -> str | None:
    algorithm, _ = public_key_description(request.public_key())
    if not algorithm.startswith("ML-DSA"):
        return None

    problems = [
        f"usage {usage} cannot be used with an ML-DSA signed certificate request"
        for usage in sorted(usages)
        if usage in _MLDSA_DISALLOWED
    ]
    if not usages.intersection(_MLDSA_ONE_OF):
        problems.append(
            f"usages must contain at least one of {_go_list(_MLDSA_ONE_OF)}"
        )
    if not problems:
        return None
    # errors.Join separates the joined errors with newlines.
    return "validating usages for ml-dsa key: " + "\n".join(problems)


def kube_apiserver_client_policy(
    request: x509.CertificateSigningRequest, spec: CertificateSigningRequestSpec, /
) -> str | None:
    """
    The `kubernetes.io/kube-apiserver-client` policy: client usages only.

    Every usage must be digital signature, key encipherment or client auth, and
    client auth must be there. Subject and SANs are not restricted.
    """
    for usage in spec.usages:
        if usage not in _CLIENT_USAGES:
            return f"invalid usage for client certificate: {usage}"
    if "client auth" not in spec.usages:
        return "missing required usage for client certificate: client auth"

    return _mldsa_problem(request, frozenset(spec.usages))


def kube_apiserver_client_kubelet_policy(
    request: x509.CertificateSigningRequest, spec: CertificateSigningRequestSpec, /
) -> str | None:
    """
    The `kubernetes.io/kube-apiserver-client-kubelet` policy: kubelet clients.

    Organization exactly ``system:nodes``, no SANs, CN ``system:node:...``,
    and the usages {digital signature, client auth} with or without key
    encipherment. The first failing check is reported.
    """
    usages = frozenset(spec.usages)
    sans = subject_alt_names(request.extensions)
    problem: str | None = None
    if organizations(request.subject) != _NODES:
        problem = "subject organization is not system:nodes"
    elif sans.dns_names:
        problem = "DNS subjectAltNames are not allowed"
    elif sans.email_addresses:
        problem = "Email subjectAltNames are not allowed"
    elif sans.ip_addresses:
        problem = "IP subjectAltNames are not allowed"
    elif sans.uris:
        problem = "URI subjectAltNames are not allowed"
    elif not common_name(request.subject).startswith(_NODE_PREFIX):
        problem = "subject common name does not begin with system:node:"
    elif usages not in _KUBELET_CLIENT_USAGE_SETS:
        problem = f"usages did not match {_go_list(_CLIENT_USAGES)}"

    return problem if problem is not None else _mldsa_problem(request, usages)


def kubelet_serving_policy(
    request: x509.CertificateSigningRequest, spec: CertificateSigningRequestSpec, /
) -> str | None:
    """
    The `kubernetes.io/kubelet-serving` policy: kubelet serving certificates.

    Organization exactly ``system:nodes``, at least one DNS or IP SAN, no email
    or URI SANs, the usages {digital signature, server auth} with or without
    key encipherment, and CN ``system:node:...``. The first failing check is
    reported, in the in-tree order (the CN is checked last).
    """
    usages = frozenset(spec.usages)
    sans = subject_alt_names(request.extensions)
    if organizations(request.subject) != _NODES:
        return "subject organization is not system:nodes"
    if not sans.dns_names and not sans.ip_addresses:
        return "DNS or IP subjectAltName is required"
    if sans.email_addresses:
        return "Email subjectAltNames are not allowed"
    if sans.uris:
        return "URI subjectAltNames are not allowed"
    if usages not in _KUBELET_SERVING_USAGE_SETS:
        expected = _go_list(_KUBELET_SERVING_USAGE_SETS[0])
        return f"usages did not match {expected}"

    problem = _mldsa_problem(request, usages)
    if problem is not None:
        return problem
    if not common_name(request.subject).startswith(_NODE_PREFIX):
        return "subject common name does not begin with system:node:"
    return None


def legacy_unknown_policy(
    request: x509.CertificateSigningRequest, spec: CertificateSigningRequestSpec, /
) -> str | None:
    """The `kubernetes.io/legacy-unknown` policy: no restriction at all."""
    return None


IN_TREE_POLICIES: Final[Mapping[str, SigningPolicy]] = MappingProxyType(
    {
        SIGNER_KUBE_APISERVER_CLIENT: kube_apiserver_client_policy,
        SIGNER_KUBE_APISERVER_CLIENT_KUBELET: kube_apiserver_client_kubelet_policy,
        SIGNER_KUBELET_SERVING: kubelet_serving_policy,
        SIGNER_LEGACY_UNKNOWN: legacy_unknown_policy,
    }
)
"""The policies of kube-controller-manager, by signer name (read-only)."""
