"""The in-tree signing policies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from csrmodels import (
    SIGNER_KUBE_APISERVER_CLIENT,
    SIGNER_KUBE_APISERVER_CLIENT_KUBELET,
    SIGNER_KUBELET_SERVING,
    CertificateSigningRequest,
    CertificateSigningRequestSpec,
)
from csrmodels.signer import (
    Signer,
    kube_apiserver_client_policy,
)
from tests.conftest import approved
from tests.signing import (
    NOW,
    AnyKey,
    custom_csr,
    failed_message,
    only_leaf,
    signed,
)


def _kubelet_client(key: AnyKey, **changes: object) -> CertificateSigningRequest:
    parts: dict[str, object] = {
        "signer_name": SIGNER_KUBE_APISERVER_CLIENT_KUBELET,
        "usages": ("digital signature", "key encipherment", "client auth"),
        "common_name": "system:node:node-1",
        "organizations": ("system:nodes",),
    }
    parts.update(changes)
    return custom_csr(key, **parts)  # type: ignore[arg-type]


def _kubelet_serving(key: AnyKey, **changes: object) -> CertificateSigningRequest:
    parts: dict[str, object] = {
        "signer_name": SIGNER_KUBELET_SERVING,
        "usages": ("digital signature", "key encipherment", "server auth"),
        "common_name": "system:node:node-1",
        "organizations": ("system:nodes",),
        "dns_names": ("node-1.example",),
    }
    parts.update(changes)
    return custom_csr(key, **parts)  # type: ignore[arg-type]


def _apiserver_client(key: AnyKey, **changes: object) -> CertificateSigningRequest:
    parts: dict[str, object] = {
        "signer_name": SIGNER_KUBE_APISERVER_CLIENT,
        "usages": ("digital signature", "client auth"),
    }
    parts.update(changes)
    return custom_csr(key, **parts)  # type: ignore[arg-type]


_NODE_CLIENT_USAGES = (
    "usages did not match [client auth digital signature key encipherment]"
)
_SERVING_USAGES = (
    "usages did not match [digital signature key encipherment server auth]"
)
_CN = "subject common name does not begin with system:node:"
_ORG = "subject organization is not system:nodes"

_REFUSALS: list[
    tuple[Callable[..., CertificateSigningRequest], dict[str, object], str]
] = [
    (
        _apiserver_client,
        {"usages": ("client auth", "server auth")},
        "invalid usage for client certificate: server auth",
    ),
    (
        _apiserver_client,
        {"usages": ("key encipherment", "digital signature")},
        "missing required usage for client certificate: client auth",
    ),
    (_kubelet_client, {"organizations": ("system:nodes", "extra")}, _ORG),
    (_kubelet_client, {"organizations": ()}, _ORG),
    (
        _kubelet_client,
        {"dns_names": ("node-1.example",)},
        "DNS subjectAltNames are not allowed",
    ),
    (
        _kubelet_client,
        {"email_addresses": ("n@example.com",)},
        "Email subjectAltNames are not allowed",
    ),
    (
        _kubelet_client,
        {"ip_addresses": ("10.0.0.1",)},
        "IP subjectAltNames are not allowed",
    ),
    (
        _kubelet_client,
        {"uris": ("spiffe://example/n",)},
        "URI subjectAltNames are not allowed",
    ),
    (
        _kubelet_client,
        {"dns_names": ("n.example",), "ip_addresses": ("10.0.0.1",)},
        "DNS subjectAltNames are not allowed",
    ),
    (_kubelet_client, {"common_name": "node-1"}, _CN),
    (_kubelet_client, {"common_name": "node-1", "usages": ("client auth",)}, _CN),
    (_kubelet_client, {"usages": ("client auth",)}, _NODE_CLIENT_USAGES),
    (
        _kubelet_client,
        {"usages": ("digital signature", "client auth", "server auth")},
        _NODE_CLIENT_USAGES,
    ),
    (_kubelet_serving, {"organizations": ("other",)}, _ORG),
    (_kubelet_serving, {"dns_names": ()}, "DNS or IP subjectAltName is required"),
    (
        _kubelet_serving,
        {"email_addresses": ("n@example.com",)},
        "Email subjectAltNames are not allowed",
    ),
    (
        _kubelet_serving,
        {"uris": ("spiffe://example/n",)},
        "URI subjectAltNames are not allowed",
    ),
    (
        _kubelet_serving,
        {"usages": ("digital signature", "client auth")},
        _SERVING_USAGES,
    ),
    (_kubelet_serving, {"common_name": "node-1"}, _CN),
    (
        _kubelet_serving,
        {"common_name": "node-1", "usages": ("server auth",)},
        _SERVING_USAGES,
    ),
]


class TestInTreePolicies:
    @pytest.mark.parametrize(
        ("build", "changes", "message"),
        _REFUSALS,
        ids=[f"{build.__name__[1:]}-{message[:30]}" for build, _, message in _REFUSALS],
    )
    def test_refusal(
        self,
        signer: Signer,
        ec_key: ec.EllipticCurvePrivateKey,
        build: Callable[..., CertificateSigningRequest],
        changes: dict[str, object],
        message: str,
    ) -> None:
        """A request that breaks its signer's policy is marked Failed, not signed."""
        csr = build(ec_key, **changes)

        result = signed(signer, csr)

        assert failed_message(result) == message
        assert result.status.conditions[:-1] == csr.status.conditions

    def test_failed_time_in_whole_seconds(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """The Failed condition's time is cut to seconds, as the API stores it."""
        csr = _kubelet_client(ec_key, common_name="node-1")
        now = NOW + timedelta(microseconds=750_000)

        result = signer.sign(csr, now)

        failed = result.status.conditions[-1]
        assert failed.last_update_time == NOW
        assert CertificateSigningRequest.from_json(result.to_json()) == result

    @pytest.mark.parametrize(
        ("build", "usages"),
        [
            (_apiserver_client, ("client auth",)),
            (
                _apiserver_client,
                ("key encipherment", "digital signature", "client auth"),
            ),
            (_kubelet_client, ("digital signature", "client auth")),
            (_kubelet_client, ("client auth", "digital signature", "client auth")),
            (_kubelet_serving, ("digital signature", "server auth")),
        ],
    )
    def test_accepted_usage_sets(
        self,
        signer: Signer,
        ec_key: ec.EllipticCurvePrivateKey,
        build: Callable[..., CertificateSigningRequest],
        usages: tuple[str, ...],
    ) -> None:
        """The usage sets the in-tree signers accept, duplicates collapsing."""
        result = signed(signer, build(ec_key, usages=usages))

        assert result.status.certificate

    def test_apiserver_client_allows_any_subject_and_sans(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """kube-apiserver-client restricts usages only; SANs are copied."""
        csr = _apiserver_client(
            ec_key, dns_names=("a.example",), uris=("spiffe://x/y",)
        )

        leaf = only_leaf(signed(signer, csr))

        assert leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName)

    def test_serving_with_ip_only(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """An IP SAN alone satisfies the serving signer."""
        csr = _kubelet_serving(ec_key, dns_names=(), ip_addresses=("10.0.0.9",))

        assert signed(signer, csr).status.certificate

    @pytest.mark.parametrize(
        "build",
        [
            CertificateSigningRequest.for_kubelet_client,
            CertificateSigningRequest.for_user,
        ],
    )
    def test_presets_are_accepted(
        self,
        signer: Signer,
        rsa_key: rsa.RSAPrivateKey,
        build: Callable[..., CertificateSigningRequest],
    ) -> None:
        """The presets build what their in-tree signers issue for."""
        arguments = (
            {"node_name": "node-1"}
            if "kubelet" in build.__name__
            else {"username": "bob"}
        )
        csr = approved(build(rsa_key, name="preset", **arguments))

        assert signed(signer, csr).status.certificate

    def test_legacy_unknown_accepts_anything(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """legacy-unknown applies no restriction."""
        csr = custom_csr(ec_key, usages=("cert sign", "server auth", "code signing"))

        assert signed(signer, csr).status.certificate

    def test_mldsa_usage_rule(self) -> None:
        """ML-DSA keys must not ask for encipherment and need a signing usage."""
        mldsa = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.mldsa")
        key = mldsa.MLDSA44PrivateKey.generate()
        request = (
            x509.CertificateSigningRequestBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "pq")]))
            .sign(key, None)
        )
        spec = CertificateSigningRequestSpec(
            request=request.public_bytes(serialization.Encoding.PEM),
            signer_name=SIGNER_KUBE_APISERVER_CLIENT,
            usages=("key encipherment", "client auth"),
        )

        assert kube_apiserver_client_policy(request, spec) == (
            "validating usages for ml-dsa key: usage key encipherment cannot be used "
            "with an ML-DSA signed certificate request\n"
            "usages must contain at least one of "
            "[cert sign content commitment crl sign digital signature]"
        )
        good = replace(spec, usages=("digital signature", "client auth"))
        assert kube_apiserver_client_policy(request, good) is None
