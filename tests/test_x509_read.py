"""Reading spec.request and status.certificate."""

from __future__ import annotations

import base64
import ipaddress
from dataclasses import replace
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestSpec,
    CertificateSigningRequestStatus,
    CSRModelsError,
)
from csrmodels.signer import Signer
from csrmodels.x509 import (
    CertificateInfo,
    IssuedLifetime,
    PEMError,
    RequestInfo,
    certificate_matches_private_key,
    certificate_matches_request,
    public_key_description,
)
from tests.conftest import SIGNING_TIME, IssuingCA, approved


def _user_csr(
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey,
    *,
    expiration: timedelta | None = None,
) -> CertificateSigningRequest:
    return CertificateSigningRequest.for_user(
        key, username="alice", groups=["dev"], name="alice", expiration=expiration
    )


def _issued(ca: IssuingCA, csr: CertificateSigningRequest) -> CertificateSigningRequest:
    signer = Signer(ca.certificate, ca.private_key, max_duration=timedelta(days=7))
    return signer.sign(approved(csr), SIGNING_TIME)


def _pem_block(label: str, der: bytes) -> bytes:
    body = base64.encodebytes(der).decode("ascii")
    return f"-----BEGIN {label}-----\n{body}-----END {label}-----\n".encode()


def _spec(request: bytes) -> CertificateSigningRequestSpec:
    return CertificateSigningRequest.from_dict(
        {
            "apiVersion": "certificates.k8s.io/v1",
            "kind": "CertificateSigningRequest",
            "metadata": {"name": "broken"},
            "spec": {
                "request": base64.b64encode(request).decode("ascii"),
                "signerName": "example.com/x",
                "usages": ["client auth"],
            },
        }
    ).spec


class TestParseRequest:
    def test_returns_the_request(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """parse_request returns cryptography's request object."""
        request = _user_csr(ec_key).spec.parse_request()

        assert isinstance(request, x509.CertificateSigningRequest)
        assert request.is_signature_valid

    def test_explanatory_text_before_block(
        self, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """Text before the PEM block is skipped, as Go's pem.Decode skips it."""
        csr = _user_csr(ec_key)
        spec = replace(csr.spec, request=b"Subject: alice\n" + csr.spec.request)

        assert spec.parse_request().subject == csr.spec.parse_request().subject

    def test_first_block_must_be_a_request(
        self, ec_key: ec.EllipticCurvePrivateKey, ca: IssuingCA
    ) -> None:
        """A request after another block is not read: Go takes the first block."""
        csr = _user_csr(ec_key)
        certificate = ca.certificate.public_bytes(serialization.Encoding.PEM)
        spec = replace(csr.spec, request=certificate + csr.spec.request)

        with pytest.raises(
            PEMError, match="PEM block type must be CERTIFICATE REQUEST"
        ):
            spec.parse_request()

    def test_new_certificate_request_label_refused(
        self, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """The old NEW CERTIFICATE REQUEST label is refused, as the API refuses it."""
        csr = _user_csr(ec_key)
        pem = csr.spec.request.replace(
            b"CERTIFICATE REQUEST", b"NEW CERTIFICATE REQUEST"
        )

        with pytest.raises(PEMError, match="must be CERTIFICATE REQUEST"):
            replace(csr.spec, request=pem).parse_request()

    def test_empty_request(self) -> None:
        """An empty request fails like the API server's check."""
        spec = _spec(b"")

        with pytest.raises(PEMError, match=r"^spec\.request: PEM block type"):
            spec.parse_request()

    def test_garbage_inside_block(self) -> None:
        """A block that is not PKCS#10 fails with the field path."""
        spec = _spec(_pem_block("CERTIFICATE REQUEST", b"\x30\x03\x02\x01\x00"))

        with pytest.raises(PEMError, match="not a valid PKCS#10") as caught:
            spec.parse_request()

        assert caught.value.path == "spec.request"
        assert isinstance(caught.value, CSRModelsError)
        assert isinstance(caught.value, ValueError)

    def test_request_version_other_than_v1(
        self, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A version field other than 0 (v1) is a PEMError, not InvalidVersion."""
        request = _user_csr(ec_key).spec.parse_request()
        der = request.public_bytes(serialization.Encoding.DER)
        # The first INTEGER 0 in the DER is the CertificationRequestInfo version.
        version_at = der.index(b"\x02\x01\x00")
        der = der[:version_at] + b"\x02\x01\x05" + der[version_at + 3 :]
        spec = _spec(_pem_block("CERTIFICATE REQUEST", der))

        with pytest.raises(PEMError, match="not a valid PKCS#10"):
            spec.parse_request()

    def test_trailing_bytes_after_request(
        self, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """Bytes after the DER request are refused, as Go's parser refuses them."""
        request = _user_csr(ec_key).spec.parse_request()
        der = request.public_bytes(serialization.Encoding.DER) + b"\x00\x00"
        spec = _spec(_pem_block("CERTIFICATE REQUEST", der))

        with pytest.raises(PEMError, match="trailing data"):
            spec.parse_request()


class TestRequestInfo:
    def test_reads_everything(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """Every convenience read comes back from the PEM."""
        csr = CertificateSigningRequest.from_private_key(
            ec_key,
            signer_name="example.com/x",
            usages=["client auth"],
            common_name="alice",
            organizations=["dev", "ops"],
            dns_names=["alice.example"],
            ip_addresses=["192.0.2.1"],
            email_addresses=["alice@example.com"],
            uris=["https://example.com/alice"],
            name="alice",
        )

        info = RequestInfo.from_pem(csr.spec.request)

        assert info == RequestInfo(
            common_name="alice",
            organizations=("dev", "ops"),
            dns_names=("alice.example",),
            ip_addresses=(ipaddress.IPv4Address("192.0.2.1"),),
            email_addresses=("alice@example.com",),
            uris=("https://example.com/alice",),
            public_key_algorithm="ECDSA",
            public_key_size=256,
            signature_valid=True,
        )

    def test_tampered_signature(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """A request whose signature bytes were changed reports an invalid one."""
        request = _user_csr(ec_key).spec.parse_request()
        der = bytearray(request.public_bytes(serialization.Encoding.DER))
        der[-1] ^= 0x01
        pem = _pem_block("CERTIFICATE REQUEST", bytes(der))

        assert not RequestInfo.from_pem(pem).signature_valid

    def test_ed25519(self, ed25519_key: ed25519.Ed25519PrivateKey) -> None:
        """Ed25519 keys are named and sized."""
        info = RequestInfo.from_pem(_user_csr(ed25519_key).spec.request)

        assert (info.public_key_algorithm, info.public_key_size) == ("Ed25519", 256)

    def test_unknown_key_algorithm(
        self, ed25519_key: ed25519.Ed25519PrivateKey
    ) -> None:
        """A key algorithm cryptography does not know is named by its OID."""
        request = _user_csr(ed25519_key).spec.parse_request()
        der = request.public_bytes(serialization.Encoding.DER)
        # The first Ed25519 OID (1.3.101.112) is the key's; make it 1.3.101.99.
        der = der.replace(bytes.fromhex("06032b6570"), bytes.fromhex("06032b6563"), 1)

        info = RequestInfo.from_pem(_pem_block("CERTIFICATE REQUEST", der))

        assert info.public_key_algorithm == "unknown (1.3.101.99)"
        assert info.public_key_size == 0
        assert not info.signature_valid

    def test_frozen(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """The info is immutable and hashable."""
        info = RequestInfo.from_pem(_user_csr(ec_key).spec.request)

        with pytest.raises(AttributeError):
            info.common_name = "mallory"  # type: ignore[misc]
        assert hash(info) == hash(RequestInfo.from_pem(_user_csr(ec_key).spec.request))


class TestPublicKeyDescription:
    def test_curves(self) -> None:
        """ECDSA keys report the curve size."""
        key = ec.generate_private_key(ec.SECP384R1()).public_key()

        assert public_key_description(key) == ("ECDSA", 384)


class TestParseCertificates:
    def test_leaf_first(
        self, ec_key: ec.EllipticCurvePrivateKey, ca: IssuingCA
    ) -> None:
        """A chain is returned in order, the leaf first."""
        issued = _issued(ca, _user_csr(ec_key))
        chain = issued.status.certificate + ca.certificate.public_bytes(
            serialization.Encoding.PEM
        )
        status = replace(issued.status, certificate=chain)

        certificates = status.parse_certificates()

        assert [cert.subject.rfc4514_string() for cert in certificates] == [
            "CN=alice,O=dev",
            "CN=csrmodels test CA",
        ]

    def test_nothing_issued(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """An empty status.certificate is an error, not an empty list."""
        with pytest.raises(PEMError, match=r"status\.certificate: no certificate"):
            _user_csr(ec_key).status.parse_certificates()

    def test_not_a_certificate(self) -> None:
        """A block that does not parse is reported with the field path."""
        pem = _pem_block("CERTIFICATE", b"\x30\x00")
        bad = CertificateSigningRequestStatus(certificate=pem)

        with pytest.raises(PEMError, match=r"status\.certificate: x509: malformed"):
            bad.parse_certificates()

    def test_other_block_type(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """Any block other than CERTIFICATE is refused, as the API server does."""
        csr = _user_csr(ec_key)
        bad = CertificateSigningRequestStatus(certificate=csr.spec.request)

        with pytest.raises(PEMError, match="only CERTIFICATE PEM blocks are allowed"):
            bad.parse_certificates()

    def test_several_certificates_in_one_block(
        self, ec_key: ec.EllipticCurvePrivateKey, ca: IssuingCA
    ) -> None:
        """One block holding two DER certificates yields both, as Go reads it."""
        issued = _issued(ca, _user_csr(ec_key))
        leaf = issued.status.parse_certificates()[0]
        der = leaf.public_bytes(
            serialization.Encoding.DER
        ) + ca.certificate.public_bytes(serialization.Encoding.DER)
        status = CertificateSigningRequestStatus(
            certificate=_pem_block("CERTIFICATE", der)
        )

        assert status.parse_certificates() == [leaf, ca.certificate]


class TestCertificateInfo:
    def test_reads_leaf(
        self, ec_key: ec.EllipticCurvePrivateKey, ca: IssuingCA
    ) -> None:
        """The leaf's names, key, issuer and dates are read."""
        issued = _issued(ca, _user_csr(ec_key, expiration=timedelta(hours=1)))

        info = CertificateInfo.from_pem(issued.status.certificate)

        assert info.common_name == "alice"
        assert info.organizations == ("dev",)
        assert info.issuer == "CN=csrmodels test CA"
        assert info.public_key_algorithm == "ECDSA"
        assert info.not_before == SIGNING_TIME - timedelta(minutes=5)
        assert info.not_after == SIGNING_TIME + timedelta(hours=1)
        assert info.lifetime == timedelta(hours=1, minutes=5)
        assert info.serial_number > 0


class TestIssuedLifetime:
    def test_short_request(
        self, ec_key: ec.EllipticCurvePrivateKey, ca: IssuingCA
    ) -> None:
        """A short request gets its lifetime plus the 5-minute backdate."""
        issued = _issued(ca, _user_csr(ec_key, expiration=timedelta(hours=1)))

        lifetime = IssuedLifetime.of(issued)

        assert lifetime.requested == timedelta(hours=1)
        assert lifetime.issued == timedelta(hours=1, minutes=5)
        assert lifetime.shortfall == timedelta(0)

    def test_capped_request(
        self, ec_key: ec.EllipticCurvePrivateKey, ca: IssuingCA
    ) -> None:
        """A request above the signer's maximum shows the shortfall."""
        issued = _issued(ca, _user_csr(ec_key, expiration=timedelta(days=10)))

        lifetime = IssuedLifetime.of(issued)

        assert lifetime.issued == timedelta(days=7)
        assert lifetime.shortfall == timedelta(days=3)

    def test_nothing_requested(
        self, ec_key: ec.EllipticCurvePrivateKey, ca: IssuingCA
    ) -> None:
        """Without expirationSeconds there is no requested lifetime."""
        lifetime = IssuedLifetime.of(_issued(ca, _user_csr(ec_key)))

        assert lifetime.requested is None
        assert lifetime.issued == timedelta(days=7)
        assert lifetime.shortfall == timedelta(0)


class TestMatches:
    def test_issued_matches_request_and_key(
        self, ec_key: ec.EllipticCurvePrivateKey, ca: IssuingCA
    ) -> None:
        """The issued certificate belongs to the request and to its key."""
        issued = _issued(ca, _user_csr(ec_key))

        assert certificate_matches_request(issued)
        assert certificate_matches_private_key(issued, ec_key)

    def test_other_key_does_not_match(
        self,
        ec_key: ec.EllipticCurvePrivateKey,
        ed25519_key: ed25519.Ed25519PrivateKey,
        ca: IssuingCA,
    ) -> None:
        """A certificate answered to another request or key does not match."""
        issued = _issued(ca, _user_csr(ec_key))
        other = _user_csr(ed25519_key)
        swapped = replace(other, status=issued.status)

        assert not certificate_matches_request(swapped)
        assert not certificate_matches_private_key(issued, ed25519_key)

    def test_nothing_issued(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """Asking before issuance is an error, not a silent False."""
        with pytest.raises(PEMError, match="no certificate has been issued"):
            certificate_matches_request(_user_csr(ec_key))
