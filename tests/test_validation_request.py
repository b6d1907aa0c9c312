"""spec.request: the first PEM block, its type, the DER and the signature."""

from __future__ import annotations

import dataclasses

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from hypothesis import given, settings
from hypothesis import strategies as st

from csrmodels import CertificateSigningRequest, CertificateSigningRequestStatus
from csrmodels.validation import ErrorType, validate_create
from tests.validation_pki import (
    ECDSA_WITH_SHA1,
    MD2_WITH_RSA,
    MD5_WITH_RSA,
    SHA1_WITH_RSA,
    certificate_der,
    certificate_pem,
    key,
    make_csr,
    pem,
    request_der,
    request_pem,
    resigned_request_pem,
    tampered_request_pem,
)

PEM_TYPE = "PEM block type must be CERTIFICATE REQUEST"


def request_errors(request: bytes) -> list[tuple[ErrorType, str, str]]:
    """The spec.request errors validate_create reports for `request`."""
    errors = validate_create(make_csr(request=request))
    return [(e.type, e.field, e.detail) for e in errors if e.field == "spec.request"]


def invalid(detail: str) -> list[tuple[ErrorType, str, str]]:
    """One Invalid error at spec.request."""
    return [(ErrorType.INVALID, "spec.request", detail)]


class TestRequestAccepted:
    @pytest.mark.parametrize("kind", ["rsa", "p256", "p384", "ed25519"])
    def test_key_types_go_supports(self, kind: str) -> None:
        """RSA, ECDSA on NIST curves and Ed25519 requests are valid."""
        assert request_errors(request_pem(kind)) == []

    @pytest.mark.parametrize(
        "request_bytes",
        [
            b"Explanatory text\n" + request_pem() + b"trailing text\n",
            pem(request_der(), headers="Comment: made by a test\n\n"),
            request_pem() + certificate_pem(),
            request_pem() + b"-----BEGIN GARBAGE-----\n!!\n",
            request_pem().replace(b"\n", b"\r\n"),
        ],
        ids=["text-around", "headers", "extra-block", "junk-after", "crlf"],
    )
    def test_tolerated_framing(self, request_bytes: bytes) -> None:
        """Text, headers and further blocks around the first block are ignored."""
        assert request_errors(request_bytes) == []


class TestSignatureAlgorithms:
    def test_rsa_pss(self) -> None:
        """RSA-PSS with SHA-256 verifies, as in Go."""
        private_key = key("rsa")
        assert isinstance(private_key, rsa.RSAPrivateKey)
        pss = padding.PSS(
            mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH
        )
        builder = x509.CertificateSigningRequestBuilder().subject_name(x509.Name([]))
        csr = builder.sign(private_key, hashes.SHA256(), rsa_padding=pss)
        assert request_errors(pem(csr.public_bytes(serialization.Encoding.DER))) == []

    @pytest.mark.parametrize(
        ("mgf_hash", "salt_length"),
        [(hashes.SHA256(), 0), (hashes.SHA256(), 20), (hashes.SHA512(), 32)],
        ids=["no-salt", "short-salt", "other-mgf-hash"],
    )
    def test_rsa_pss_parameters_go_does_not_know(
        self, mgf_hash: hashes.HashAlgorithm, salt_length: int
    ) -> None:
        """RSA-PSS other than MGF1 over the hash with a hash-long salt is refused."""
        # Go's getSignatureAlgorithmFromAI (crypto/x509) maps such parameters to
        # UnknownSignatureAlgorithm, which CheckSignature does not implement.
        private_key = key("rsa")
        assert isinstance(private_key, rsa.RSAPrivateKey)
        pss = padding.PSS(mgf=padding.MGF1(mgf_hash), salt_length=salt_length)
        builder = x509.CertificateSigningRequestBuilder().subject_name(x509.Name([]))
        csr = builder.sign(private_key, hashes.SHA256(), rsa_padding=pss)
        assert request_errors(pem(csr.public_bytes(serialization.Encoding.DER))) == (
            invalid("x509: cannot verify signature: algorithm unimplemented")
        )

    @pytest.mark.parametrize(
        ("kind", "algorithm"), [("rsa", SHA1_WITH_RSA), ("p256", ECDSA_WITH_SHA1)]
    )
    def test_sha1_signatures(self, kind: str, algorithm: bytes) -> None:
        """SHA-1 signatures verify, as Go allows them on requests."""
        request = resigned_request_pem(kind, algorithm, hashes.SHA1())
        assert request_errors(request) == []

    def test_sha1_bad_signature(self) -> None:
        """A SHA-1 signature that does not match is still refused."""
        request = resigned_request_pem("rsa", SHA1_WITH_RSA, hashes.SHA256())
        assert request_errors(request) == invalid("crypto/rsa: verification error")


class TestRequestRefused:
    @pytest.mark.parametrize(
        "request_bytes",
        [
            b"",
            b"not PEM at all",
            pem(request_der(), "NEW CERTIFICATE REQUEST"),
            certificate_pem(),
            certificate_pem() + request_pem(),
            pem(request_der(), "certificate request"),
            request_pem().replace(
                b"-----END CERTIFICATE REQUEST-----", b"-----END X-----"
            ),
        ],
        ids=[
            "empty",
            "not-pem",
            "new-certificate-request",
            "certificate",
            "certificate-first",
            "lowercase-type",
            "end-mismatch",
        ],
    )
    def test_no_request_block(self, request_bytes: bytes) -> None:
        """Anything but a first CERTIFICATE REQUEST block gets the PEM type error."""
        assert request_errors(request_bytes) == invalid(PEM_TYPE)

    def test_tampered_signature(self) -> None:
        """A request whose signature does not verify is Invalid."""
        assert request_errors(tampered_request_pem()) == invalid(
            "x509: ECDSA verification failure"
        )

    def test_tampered_rsa_signature(self) -> None:
        """An RSA request with a bad signature gets Go's crypto/rsa wording."""
        der = bytearray(request_der("rsa"))
        der[-1] ^= 0xFF
        assert request_errors(pem(bytes(der))) == invalid(
            "crypto/rsa: verification error"
        )

    def test_tampered_ed25519_signature(self) -> None:
        """An Ed25519 request with a bad signature is Invalid."""
        der = bytearray(request_der("ed25519"))
        der[-1] ^= 0x01
        assert request_errors(pem(bytes(der))) == invalid(
            "x509: Ed25519 verification failure"
        )

    def test_trailing_der_bytes(self) -> None:
        """Bytes after the DER SEQUENCE are refused, as Go's parser refuses them."""
        assert request_errors(pem(request_der() + b"\x00")) == invalid(
            "asn1: syntax error: trailing data"
        )

    @pytest.mark.parametrize("der", [b"\x30", b"\x30\x05\x00", b"\x30\x85\x01"])
    def test_truncated_der(self, der: bytes) -> None:
        """A DER header that runs past the data is refused."""
        assert request_errors(pem(der)) == invalid("asn1: syntax error: data truncated")

    def test_malformed_der(self) -> None:
        """A well-framed SEQUENCE that is not a PKCS#10 request is refused."""
        [(kind, field, detail)] = request_errors(pem(b"\x30\x03\x02\x01\x00"))
        assert (kind, field) == (ErrorType.INVALID, "spec.request")
        assert detail.startswith("x509: malformed certificate request")

    @pytest.mark.parametrize(
        ("kind", "detail"),
        [
            ("secp256k1", "x509: unsupported elliptic curve"),
            ("ed448", "x509: cannot verify signature: algorithm unimplemented"),
            ("dsa", "x509: cannot verify signature: algorithm unimplemented"),
        ],
    )
    def test_key_types_go_refuses(self, kind: str, detail: str) -> None:
        """Keys Go cannot verify with make the request Invalid."""
        assert request_errors(request_pem(kind)) == invalid(detail)

    def test_md5_signature_insecure(self) -> None:
        """An MD5 signature is refused as insecure, whatever its validity."""
        request = resigned_request_pem("rsa", MD5_WITH_RSA, hashes.MD5())
        assert request_errors(request) == invalid(
            "x509: cannot verify signature: insecure algorithm MD5-RSA"
        )

    def test_md2_signature_unimplemented(self) -> None:
        """An MD2 signature is refused as unimplemented, not as insecure."""
        # Go's crypto/x509 checkSignature: MD2-RSA has no hash (crypto.Hash(0)),
        # so it returns ErrUnsupportedAlgorithm; only MD5 is InsecureAlgorithmError.
        request = resigned_request_pem("rsa", MD2_WITH_RSA, hashes.MD5())
        assert request_errors(request) == invalid(
            "x509: cannot verify signature: algorithm unimplemented"
        )

    def test_algorithm_key_mismatch(self) -> None:
        """An ECDSA signature algorithm on an RSA key is refused as Go words it."""
        request = resigned_request_pem("p256", SHA1_WITH_RSA, hashes.SHA1())
        assert request_errors(request) == invalid(
            "x509: signature algorithm specifies an RSA public key, but have public "
            "key of type *ecdsa.PublicKey"
        )

    def test_hash_go_does_not_pair_with_ecdsa(self) -> None:
        """ECDSA with SHA-224, which Go does not implement, is refused."""
        private_key = key("p256")
        assert isinstance(private_key, ec.EllipticCurvePrivateKey)
        builder = x509.CertificateSigningRequestBuilder().subject_name(x509.Name([]))
        der = builder.sign(private_key, hashes.SHA224()).public_bytes(
            serialization.Encoding.DER
        )
        assert request_errors(pem(der)) == invalid(
            "x509: cannot verify signature: algorithm unimplemented"
        )

    def test_weak_rsa_key(self) -> None:
        """RSA keys under 1024 bits are refused, as Go 1.24 refuses them."""
        assert request_errors(request_pem("rsa512")) == invalid(
            "crypto/rsa: 512-bit keys are insecure "
            "(see https://go.dev/pkg/crypto/rsa#hdr-Minimum_key_size)"
        )

    def test_bad_value_is_the_request(self) -> None:
        """The bad value is the request bytes, printed as Go prints a []byte."""
        csr = make_csr(request=b"-----BEGIN NOPE-----\n")
        [error] = [e for e in validate_create(csr) if e.field == "spec.request"]
        assert error.bad_value == b"-----BEGIN NOPE-----\n"
        assert str(error) == (
            "spec.request: Invalid value: []byte{0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x42,"
            " 0x45, 0x47, ... (21 bytes)}: PEM block type must be CERTIFICATE REQUEST"
        )

    def test_private_key_never_printed(self) -> None:
        """A private key pasted as the request is not echoed in the message."""
        secret = b"-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n"
        [error] = [
            e
            for e in validate_create(make_csr(request=secret))
            if e.field == "spec.request"
        ]
        assert "c2VjcmV0" not in str(error)
        assert "secret" not in str(error)
        assert "c2VjcmV0" not in repr(error)

    def test_model_not_mutated(self) -> None:
        """Validation leaves the model unchanged."""
        csr = make_csr(request=tampered_request_pem())
        before = dataclasses.replace(csr)
        validate_create(csr)
        assert csr == before
        assert isinstance(csr, CertificateSigningRequest)


class TestArbitraryBytes:
    @settings(max_examples=200, deadline=None)
    @given(st.binary(max_size=300), st.integers(0, 400), st.binary(max_size=3))
    def test_mutated_der_never_raises(
        self, noise: bytes, at: int, insert: bytes
    ) -> None:
        """Damaged DER in a request or certificate block gives errors, never raises."""
        for der in (request_der(), certificate_der(), noise):
            damaged = der[:at] + insert + der[at + len(insert) :]
            csr = make_csr(request=pem(damaged))
            status = CertificateSigningRequestStatus(
                certificate=pem(damaged, "CERTIFICATE")
            )
            errors = validate_create(dataclasses.replace(csr, status=status))
            assert all(error.type is ErrorType.INVALID for error in errors)
