"""Making CSR objects: from_private_key, the presets, expirationSeconds."""

from __future__ import annotations

import importlib
import ipaddress
import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.x509.oid import NameOID
from hypothesis import given, settings
from hypothesis import strategies as st

from csrmodels import (
    SIGNER_KUBE_APISERVER_CLIENT,
    SIGNER_KUBE_APISERVER_CLIENT_KUBELET,
    SIGNER_KUBELET_SERVING,
    CertificateSigningRequest,
)
from csrmodels.x509 import RequestInfo, RequestPrivateKey, expiration_seconds


def _spki(key: RequestPrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _client_csr(key: RequestPrivateKey, **kwargs: Any) -> CertificateSigningRequest:
    arguments: dict[str, Any] = {
        "signer_name": "example.com/client",
        "usages": ["client auth"],
        "common_name": "alice",
        "name": "alice-client",
    }
    arguments.update(kwargs)
    return CertificateSigningRequest.from_private_key(key, **arguments)


class TestFromPrivateKey:
    @pytest.mark.parametrize(
        ("curve", "hash_name"),
        [
            (ec.SECP256R1(), "sha256"),
            (ec.SECP384R1(), "sha384"),
            (ec.SECP521R1(), "sha512"),
        ],
    )
    def test_ecdsa_request_signed_with_go_hash(
        self, curve: ec.EllipticCurve, hash_name: str
    ) -> None:
        """An ECDSA request is signed with the hash Go picks for the curve."""
        key = ec.generate_private_key(curve)
        request = _client_csr(key).spec.parse_request()

        assert request.is_signature_valid
        assert request.signature_hash_algorithm is not None
        assert request.signature_hash_algorithm.name == hash_name
        assert request.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        ) == _spki(key)

    def test_rsa_request_uses_sha256(self, rsa_key: rsa.RSAPrivateKey) -> None:
        """An RSA request is signed with SHA-256 and reports the modulus size."""
        csr = _client_csr(rsa_key)
        request = csr.spec.parse_request()
        info = RequestInfo.from_pem(csr.spec.request)

        assert isinstance(request.signature_hash_algorithm, hashes.SHA256)
        assert (info.public_key_algorithm, info.public_key_size) == ("RSA", 2048)
        assert info.signature_valid

    def test_ed25519_request(self, ed25519_key: ed25519.Ed25519PrivateKey) -> None:
        """An Ed25519 request has no separate hash and verifies."""
        request = _client_csr(ed25519_key).spec.parse_request()

        assert request.signature_hash_algorithm is None
        assert request.is_signature_valid

    def test_spec_and_metadata(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """The object carries the signer, usages in order, and the name."""
        csr = _client_csr(
            ec_key,
            usages=["digital signature", "client auth"],
            generate_name="alice-",
            name="",
        )

        assert csr.spec.signer_name == "example.com/client"
        assert csr.spec.usages == ("digital signature", "client auth")
        assert csr.spec.expiration_seconds is None
        assert csr.metadata.generate_name == "alice-"
        assert csr.metadata.name == ""
        assert csr.status.certificate == b""
        assert not csr.status.conditions

    def test_subject_go_order(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """Organizations share one RDN, written before the CN, as Go writes them."""
        csr = _client_csr(ec_key, organizations=["dev", "ops"])
        subject = csr.spec.parse_request().subject

        assert [rdn.rfc4514_string() for rdn in subject.rdns] == [
            "O=dev+O=ops",
            "CN=alice",
        ]

    def test_all_san_kinds(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """DNS, IP, email and URI SANs are all carried and read back."""
        csr = _client_csr(
            ec_key,
            dns_names=["a.example", "b.example"],
            ip_addresses=["10.0.0.1", ipaddress.ip_address("2001:db8::1")],
            email_addresses=["alice@example.com"],
            uris=["spiffe://example.com/alice"],
        )
        info = RequestInfo.from_pem(csr.spec.request)

        assert info.dns_names == ("a.example", "b.example")
        assert info.ip_addresses == (
            ipaddress.IPv4Address("10.0.0.1"),
            ipaddress.IPv6Address("2001:db8::1"),
        )
        assert info.email_addresses == ("alice@example.com",)
        assert info.uris == ("spiffe://example.com/alice",)

    def test_ipv4_mapped_address_written_as_ipv4(
        self, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """An IPv4-mapped IPv6 SAN is written in its 4-byte form, as Go does."""
        csr = _client_csr(ec_key, ip_addresses=["::ffff:192.0.2.7"])

        info = RequestInfo.from_pem(csr.spec.request)

        assert info.ip_addresses == (ipaddress.IPv4Address("192.0.2.7"),)

    def test_no_sans_no_extension(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """Without SANs the request carries no extension at all."""
        request = _client_csr(ec_key).spec.parse_request()

        assert len(request.extensions) == 0

    def test_wire_round_trip(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """The built object survives the JSON wire form unchanged."""
        csr = _client_csr(ec_key, expiration=timedelta(hours=2))

        assert CertificateSigningRequest.from_json(csr.to_json()) == csr

    def test_name_required(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """Without name or generate_name the object could not be created."""
        with pytest.raises(ValueError, match="give name or generate_name"):
            _client_csr(ec_key, name="")

    def test_usages_required(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """An empty usage list is refused."""
        with pytest.raises(ValueError, match="usages must name at least one"):
            _client_csr(ec_key, usages=[])

    def test_usages_as_one_string_refused(
        self, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A single string is not taken as a sequence of characters."""
        with pytest.raises(TypeError, match="usages must be a sequence of strings"):
            _client_csr(ec_key, usages="client auth")

    def test_bad_ip_address(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """An IP address that does not parse is named with its index."""
        with pytest.raises(ValueError, match=r"ip_addresses\[1\] is not an IP"):
            _client_csr(ec_key, ip_addresses=["10.0.0.1", "10.0.0.300"])

    def test_empty_signer_name(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """An empty signer name is refused."""
        with pytest.raises(ValueError, match="signer_name must be a non-empty"):
            _client_csr(ec_key, signer_name="")

    @pytest.mark.parametrize(
        "key",
        [
            pytest.param(ed448.Ed448PrivateKey.generate(), id="ed448"),
            pytest.param(dsa.generate_private_key(1024), id="dsa"),
        ],
    )
    def test_unsupported_key_type(self, key: object) -> None:
        """Keys Go cannot sign a request with are refused with a TypeError."""
        with pytest.raises(TypeError, match="RSA, ECDSA or Ed25519"):
            _client_csr(key)  # type: ignore[arg-type]

    def test_unsupported_curve(self) -> None:
        """ECDSA on a curve Go does not sign with is refused."""
        key = ec.generate_private_key(ec.SECP256K1())

        with pytest.raises(ValueError, match="secp256k1 is not supported"):
            _client_csr(key)

    def test_private_key_not_in_request(
        self, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """The request holds the public key only."""
        csr = _client_csr(ec_key)

        assert b"PRIVATE" not in csr.spec.request
        assert csr.spec.request.startswith(b"-----BEGIN CERTIFICATE REQUEST-----\n")


class TestExpirationSeconds:
    @pytest.mark.parametrize(
        ("expiration", "seconds"),
        [
            (timedelta(minutes=10), 600),
            (timedelta(minutes=10, microseconds=999_999), 600),
            (timedelta(hours=1, seconds=1, milliseconds=500), 3601),
            (timedelta(days=365), 31_536_000),
            (timedelta(seconds=2**31 - 1), 2**31 - 1),
        ],
    )
    def test_truncates_to_whole_seconds(
        self, expiration: timedelta, seconds: int
    ) -> None:
        """Like client-go, a fraction of a second is dropped, never rounded up."""
        assert expiration_seconds(expiration) == seconds

    @settings(max_examples=200, deadline=None)
    @given(
        st.timedeltas(
            min_value=timedelta(minutes=10), max_value=timedelta(seconds=2**31 - 1)
        )
    )
    def test_whole_seconds_never_more(self, expiration: timedelta) -> None:
        """The seconds never exceed the duration and miss less than a second."""
        seconds = expiration_seconds(expiration)

        assert timedelta(seconds=seconds) <= expiration
        assert expiration - timedelta(seconds=seconds) < timedelta(seconds=1)

    def test_below_ten_minutes_refused(self) -> None:
        """The API server refuses less than 600 seconds, so building does too."""
        with pytest.raises(ValueError, match="at least 10 minutes"):
            expiration_seconds(timedelta(minutes=9, seconds=59, microseconds=999_999))

    def test_beyond_int32_refused(self) -> None:
        """A lifetime that does not fit the int32 field is refused, not wrapped."""
        with pytest.raises(ValueError, match="at most 2147483647 seconds"):
            expiration_seconds(timedelta(seconds=2**31))

    def test_not_a_timedelta(self) -> None:
        """Seconds as a number are refused: the parameter is a duration."""
        with pytest.raises(TypeError, match="expiration must be a timedelta"):
            expiration_seconds(3600)  # type: ignore[arg-type]

    def test_set_on_spec(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """from_private_key writes the truncated seconds to the spec."""
        csr = _client_csr(ec_key, expiration=timedelta(minutes=30, microseconds=1))

        assert csr.spec.expiration_seconds == 1800


class TestKubeletClientPreset:
    def test_rsa_shape(self, rsa_key: rsa.RSAPrivateKey) -> None:
        """An RSA kubelet client CSR asks for key encipherment too."""
        csr = CertificateSigningRequest.for_kubelet_client(rsa_key, node_name="node-1")
        info = RequestInfo.from_pem(csr.spec.request)

        assert csr.spec.signer_name == SIGNER_KUBE_APISERVER_CLIENT_KUBELET
        assert csr.spec.usages == (
            "digital signature",
            "key encipherment",
            "client auth",
        )
        assert info.common_name == "system:node:node-1"
        assert info.organizations == ("system:nodes",)
        assert info.dns_names == ()
        assert info.ip_addresses == ()
        assert csr.metadata.generate_name == "csr-"

    def test_ecdsa_shape(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """A non-RSA kubelet client CSR leaves key encipherment out."""
        csr = CertificateSigningRequest.for_kubelet_client(
            ec_key, node_name="node-1", name="node-1-client"
        )

        assert csr.spec.usages == ("digital signature", "client auth")
        assert csr.metadata.name == "node-1-client"
        assert csr.metadata.generate_name == ""

    def test_empty_node_name(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """An empty node name is refused."""
        with pytest.raises(ValueError, match="node_name must be a non-empty"):
            CertificateSigningRequest.for_kubelet_client(ec_key, node_name="")


class TestKubeletServingPreset:
    def test_shape(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """A serving CSR carries the node's names and the serving signer."""
        csr = CertificateSigningRequest.for_kubelet_serving(
            ec_key,
            node_name="node-1",
            dns_names=["node-1.example"],
            ip_addresses=["10.0.0.5"],
            expiration=timedelta(days=1),
        )
        info = RequestInfo.from_pem(csr.spec.request)

        assert csr.spec.signer_name == SIGNER_KUBELET_SERVING
        assert csr.spec.usages == ("digital signature", "server auth")
        assert csr.spec.expiration_seconds == 86_400
        assert info.common_name == "system:node:node-1"
        assert info.dns_names == ("node-1.example",)
        assert info.ip_addresses == (ipaddress.IPv4Address("10.0.0.5"),)

    def test_needs_a_dns_name_or_ip(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """Without a SAN the serving signer would refuse, so building does."""
        with pytest.raises(ValueError, match="give dns_names or ip_addresses"):
            CertificateSigningRequest.for_kubelet_serving(ec_key, node_name="node-1")


class TestUserPreset:
    def test_shape(self, rsa_key: rsa.RSAPrivateKey) -> None:
        """A user CSR has the username as CN and the groups as organizations."""
        csr = CertificateSigningRequest.for_user(
            rsa_key, username="alice", groups=["dev", "ops"]
        )
        request = csr.spec.parse_request()

        assert csr.spec.signer_name == SIGNER_KUBE_APISERVER_CLIENT
        assert csr.spec.usages == (
            "digital signature",
            "key encipherment",
            "client auth",
        )
        assert [
            attribute.value
            for attribute in request.subject.get_attributes_for_oid(
                NameOID.ORGANIZATION_NAME
            )
        ] == ["dev", "ops"]
        assert request.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == (
            "alice"
        )

    def test_system_masters_refused(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """The API server's admission refuses system:masters; so does building."""
        with pytest.raises(ValueError, match="must not contain 'system:masters'"):
            CertificateSigningRequest.for_user(
                ec_key, username="root", groups=["system:masters"]
            )

    def test_empty_username(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """An empty username is refused."""
        with pytest.raises(ValueError, match="username must be a non-empty"):
            CertificateSigningRequest.for_user(ec_key, username="")


class TestLazyImport:
    def test_import_csrmodels_loads_no_cryptography(self) -> None:
        """`import csrmodels` does not import cryptography; the x509 layer does."""
        code = (
            "import sys, csrmodels\n"
            "before = 'cryptography' in sys.modules\n"
            "import csrmodels.x509, csrmodels.signer\n"
            "print(before, 'cryptography' in sys.modules)\n"
        )

        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONPATH": ":".join(sys.path)},
            timeout=60,
        )

        assert result.stdout.split() == ["False", "True"]


class TestPublicModules:
    @pytest.mark.parametrize("module_name", ["csrmodels.x509", "csrmodels.signer"])
    def test_all_is_sorted_and_importable(self, module_name: str) -> None:
        """Every name in `__all__` exists, and the list is sorted."""
        module = importlib.import_module(module_name)

        assert module.__all__ == sorted(module.__all__)
        for name in module.__all__:
            assert getattr(module, name) is not None
