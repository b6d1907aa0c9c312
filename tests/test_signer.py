"""The signer: state checks, policies, the issued certificate, its lifetime."""

from __future__ import annotations

import ipaddress
import warnings
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509 import verification
from cryptography.x509.oid import ExtendedKeyUsageOID, ExtensionOID, NameOID

from csrmodels import (
    KEY_USAGES,
    SIGNER_KUBE_APISERVER_CLIENT,
    SIGNER_KUBE_APISERVER_CLIENT_KUBELET,
    SIGNER_KUBELET_SERVING,
    SIGNER_LEGACY_UNKNOWN,
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestSpec,
    CSRModelsError,
)
from csrmodels.signer import (
    FAILED_REASON,
    IN_TREE_POLICIES,
    Signer,
    SigningError,
    kube_apiserver_client_policy,
)
from csrmodels.validation import validate_status_update
from csrmodels.x509 import IssuedLifetime, RequestPrivateKey
from tests.conftest import SIGNING_TIME, IssuingCA, approved, make_ca

NOW = SIGNING_TIME

AnyKey = RequestPrivateKey


def _signed(
    signer: Signer, csr: CertificateSigningRequest, now: datetime = NOW
) -> CertificateSigningRequest:
    """Sign and check the result is a valid /status update of its input."""
    result = signer.sign(csr, now)
    assert validate_status_update(result, csr) == []
    return result


def _leaf(csr: CertificateSigningRequest) -> x509.Certificate:
    certificates = csr.status.parse_certificates()
    assert len(certificates) == 1
    return certificates[0]


def _custom(
    key: AnyKey,
    *,
    usages: tuple[str, ...] = ("digital signature", "client auth"),
    signer_name: str = SIGNER_LEGACY_UNKNOWN,
    common_name: str = "alice",
    organizations: tuple[str, ...] = (),
    dns_names: tuple[str, ...] = (),
    ip_addresses: tuple[str, ...] = (),
    email_addresses: tuple[str, ...] = (),
    uris: tuple[str, ...] = (),
    expiration: timedelta | None = None,
    approve: bool = True,
) -> CertificateSigningRequest:
    """A CSR built from the given parts, approved unless told otherwise."""
    csr = CertificateSigningRequest.from_private_key(
        key,
        signer_name=signer_name,
        usages=usages,
        common_name=common_name,
        organizations=organizations,
        dns_names=dns_names,
        ip_addresses=ip_addresses,
        email_addresses=email_addresses,
        uris=uris,
        name="test-csr",
        expiration=expiration,
    )
    return approved(csr) if approve else csr


def _with_request(
    csr: CertificateSigningRequest, request: x509.CertificateSigningRequest
) -> CertificateSigningRequest:
    spec = replace(csr.spec, request=request.public_bytes(serialization.Encoding.PEM))
    return replace(csr, spec=spec)


def _failed_message(result: CertificateSigningRequest) -> str:
    failed = result.status.conditions[-1]
    assert failed.type == "Failed"
    assert failed.status == "True"
    assert failed.reason == FAILED_REASON
    assert failed.last_update_time == NOW
    assert failed.last_transition_time is None
    assert result.status.certificate == b""
    return failed.message


@pytest.fixture(scope="module")
def signer(ca: IssuingCA) -> Signer:
    """A signer on the session CA with the default maximum (365 days)."""
    return Signer(ca.certificate, ca.private_key)


class TestSignerConstruction:
    def test_key_must_match_certificate(self, ca: IssuingCA) -> None:
        """A CA key that is not the certificate's key is refused."""
        other = ec.generate_private_key(ec.SECP256R1())

        with pytest.raises(ValueError, match="does not match the public key"):
            Signer(ca.certificate, other)

    def test_max_duration_positive(self, ca: IssuingCA) -> None:
        """A zero or negative maximum lifetime is refused."""
        with pytest.raises(ValueError, match="max_duration must be a positive"):
            Signer(ca.certificate, ca.private_key, max_duration=timedelta(0))

    def test_policy_must_be_callable(self, ca: IssuingCA) -> None:
        """A policy that cannot be called is refused at construction."""
        with pytest.raises(TypeError, match=r"policies\['example.com/x'\]"):
            Signer(
                ca.certificate,
                ca.private_key,
                policies={"example.com/x": "accept"},  # type: ignore[dict-item]
            )

    def test_unsupported_ca_key(self, ca: IssuingCA) -> None:
        """A CA key Go cannot sign with is refused."""
        with pytest.raises(TypeError, match="ca_private_key must be an RSA, ECDSA"):
            Signer(ca.certificate, object())  # type: ignore[arg-type]

    def test_from_pem(self, ca: IssuingCA) -> None:
        """A signer can be made from the PEM files kube-controller-manager uses."""
        key_pem = ca.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        cert_pem = ca.certificate.public_bytes(serialization.Encoding.PEM)

        signer = Signer.from_pem(cert_pem, key_pem, max_duration=timedelta(hours=1))

        assert signer.ca_certificate == ca.certificate
        assert signer.max_duration == timedelta(hours=1)

    def test_repr_has_no_key_material(self, signer: Signer) -> None:
        """The repr names the CA and signer names, never the key."""
        text = repr(signer)

        assert "CN=csrmodels test CA" in text
        assert SIGNER_KUBELET_SERVING in text
        assert "PRIVATE" not in text

    def test_in_tree_signer_names(self, signer: Signer) -> None:
        """The four in-tree signer names have policies by default."""
        assert signer.signer_names == frozenset(IN_TREE_POLICIES)
        assert len(signer.signer_names) == 4


class TestRefusalsToSign:
    def test_not_approved(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A pending CSR is not signed."""
        csr = _custom(ec_key, approve=False)

        with pytest.raises(SigningError, match="'test-csr': it is not approved"):
            signer.sign(csr, NOW)

    def test_denied(self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """A denied CSR is not signed, even if also approved."""
        csr = _with_condition(_custom(ec_key), "Denied")

        with pytest.raises(SigningError, match="it is denied"):
            signer.sign(csr, NOW)

    @pytest.mark.parametrize("status", ["True", ""])
    def test_failed(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey, status: str
    ) -> None:
        """A Failed condition with status True (or empty) stops signing."""
        csr = _with_condition(_custom(ec_key), "Failed", status)

        with pytest.raises(SigningError, match="it has a Failed condition"):
            signer.sign(csr, NOW)

    def test_failed_false_does_not_stop(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A Failed condition with status False does not count, as in-tree."""
        csr = _with_condition(_custom(ec_key), "Failed", "False")

        assert signer.sign(csr, NOW).status.certificate

    def test_already_issued(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A CSR that already has a certificate is not signed again."""
        issued = signer.sign(_custom(ec_key), NOW)

        with pytest.raises(SigningError, match=r"status\.certificate is already set"):
            signer.sign(issued, NOW)

    def test_unknown_signer_name(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A signer name without a policy is refused, naming the ones known."""
        csr = _custom(ec_key, signer_name="example.com/other")

        with pytest.raises(
            SigningError, match=r"no policy for spec\.signerName 'example\.com/other'"
        ):
            signer.sign(csr, NOW)

    def test_bad_signature(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A request whose signature does not verify is refused."""
        csr = _custom(ec_key)
        der = bytearray(
            csr.spec.parse_request().public_bytes(serialization.Encoding.DER)
        )
        der[-1] ^= 0x01
        bad = _with_request(csr, x509.load_der_x509_csr(bytes(der)))

        with pytest.raises(SigningError, match="ECDSA verification failure"):
            signer.sign(bad, NOW)

    def test_unreadable_request(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A request that is not PEM is refused with the API server's message."""
        csr = _custom(ec_key)
        bad = replace(csr, spec=replace(csr.spec, request=b"not pem"))

        with pytest.raises(
            SigningError, match="PEM block type must be CERTIFICATE REQUEST"
        ):
            signer.sign(bad, NOW)

    def test_wire_dict_refused(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A wire mapping is refused with a hint to decode it first."""
        wire = _custom(ec_key).to_dict()

        with pytest.raises(TypeError, match="decode wire data with"):
            signer.sign(wire, NOW)  # type: ignore[arg-type]

    def test_naive_now(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A naive signing time is refused."""
        with pytest.raises(ValueError, match="now must be timezone-aware"):
            signer.sign(_custom(ec_key), datetime(2026, 1, 1))

    def test_error_types(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """SigningError is a ValueError and a csrmodels error, with the reason."""
        csr = _with_condition(_custom(ec_key), "Denied")

        with pytest.raises(ValueError, match="denied") as caught:
            signer.sign(csr, NOW)

        assert isinstance(caught.value, CSRModelsError)
        assert isinstance(caught.value, SigningError)
        assert caught.value.csr_name == "test-csr"
        assert caught.value.reason == "it is denied"

    def test_unknown_usage(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """An unknown usage on an unrestricted signer aborts signing, Go-style."""
        csr = _custom(ec_key, usages=("client auth", "bogus", "other"))

        with pytest.raises(
            SigningError, match=r'unrecognized usage values: \["bogus" "other"\]'
        ):
            signer.sign(csr, NOW)


def _with_condition(
    csr: CertificateSigningRequest, type_: str, status: str = "True"
) -> CertificateSigningRequest:
    condition = CertificateSigningRequestCondition(type=type_, status=status)
    return replace(
        csr, status=replace(csr.status, conditions=(*csr.status.conditions, condition))
    )


@pytest.fixture(scope="module")
def long_ca() -> IssuingCA:
    """A CA valid for two years, so lifetimes are not capped by it."""
    key = ec.generate_private_key(ec.SECP256R1())
    return make_ca(key, not_after=NOW + timedelta(days=730))


def _serving_csr(key: AnyKey) -> CertificateSigningRequest:
    return approved(
        CertificateSigningRequest.for_kubelet_serving(
            key,
            node_name="node-1",
            dns_names=["node-1.example"],
            ip_addresses=["10.0.0.5"],
            name="node-1-serving",
            expiration=timedelta(hours=1),
        )
    )


class TestIssuedCertificate:
    def test_serving_extensions(
        self, signer: Signer, rsa_key: rsa.RSAPrivateKey
    ) -> None:
        """A kubelet serving certificate carries exactly the expected extensions."""
        leaf = _leaf(_signed(signer, _serving_csr(rsa_key)))
        extensions = {ext.oid: ext for ext in leaf.extensions}

        assert [ext.oid for ext in leaf.extensions] == [
            ExtensionOID.KEY_USAGE,
            ExtensionOID.EXTENDED_KEY_USAGE,
            ExtensionOID.BASIC_CONSTRAINTS,
            ExtensionOID.SUBJECT_KEY_IDENTIFIER,
            ExtensionOID.AUTHORITY_KEY_IDENTIFIER,
            ExtensionOID.SUBJECT_ALTERNATIVE_NAME,
        ]
        key_usage = extensions[ExtensionOID.KEY_USAGE]
        assert key_usage.critical
        assert key_usage.value == x509.KeyUsage(
            digital_signature=True,
            content_commitment=False,
            key_encipherment=True,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=False,
            crl_sign=False,
            encipher_only=False,
            decipher_only=False,
        )
        eku = extensions[ExtensionOID.EXTENDED_KEY_USAGE]
        assert not eku.critical
        assert list(eku.value) == [ExtendedKeyUsageOID.SERVER_AUTH]
        basic = extensions[ExtensionOID.BASIC_CONSTRAINTS]
        assert basic.critical
        assert basic.value == x509.BasicConstraints(ca=False, path_length=None)
        san = extensions[ExtensionOID.SUBJECT_ALTERNATIVE_NAME]
        assert not san.critical
        assert san.value == x509.SubjectAlternativeName(
            [
                x509.DNSName("node-1.example"),
                x509.IPAddress(ipaddress.ip_address("10.0.0.5")),
            ]
        )

    def test_key_identifiers(
        self, signer: Signer, ca: IssuingCA, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """SKI is the leaf key's hash; AKI is the CA's SKI."""
        leaf = _leaf(_signed(signer, _custom(ec_key)))
        ca_ski = ca.certificate.extensions.get_extension_for_class(
            x509.SubjectKeyIdentifier
        ).value

        ski = leaf.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        aki = leaf.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value

        assert ski == x509.SubjectKeyIdentifier.from_public_key(ec_key.public_key())
        assert aki.key_identifier == ca_ski.digest
        assert aki.authority_cert_issuer is None

    def test_aki_without_ca_ski(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """A CA without SKI still yields an AKI, from the CA public key."""
        ca_key = ec.generate_private_key(ec.SECP256R1())
        bare = make_ca(
            ca_key, not_after=NOW + timedelta(days=1), subject_key_identifier=False
        )
        leaf = _leaf(_signed(Signer(bare.certificate, ca_key), _custom(ec_key)))

        aki = leaf.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value

        assert aki == x509.AuthorityKeyIdentifier.from_issuer_public_key(
            ca_key.public_key()
        )

    def test_issuer_key_and_serial(
        self, signer: Signer, ca: IssuingCA, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """The leaf is issued by the CA, for the request's key, with a random serial."""
        first = _leaf(_signed(signer, _custom(ec_key)))
        second = _leaf(_signed(signer, _custom(ec_key)))

        assert first.issuer == ca.certificate.subject
        first.verify_directly_issued_by(ca.certificate)
        assert first.public_key() == ec_key.public_key()
        assert first.serial_number != second.serial_number
        assert 0 < first.serial_number < 2**128

    def test_requested_extensions_discarded(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A request asking for CA:TRUE and cert sign gets neither."""
        request = (
            x509.CertificateSigningRequestBuilder()
            .subject_name(
                x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sneaky")])
            )
            .add_extension(
                x509.BasicConstraints(ca=True, path_length=None), critical=True
            )
            .add_extension(
                x509.NameConstraints(
                    permitted_subtrees=[x509.DNSName("example")], excluded_subtrees=None
                ),
                critical=True,
            )
            .sign(ec_key, hashes.SHA256())
        )
        csr = _with_request(_custom(ec_key, usages=("client auth",)), request)

        leaf = _leaf(_signed(signer, csr))

        assert (
            leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
            is False
        )
        assert {ext.oid for ext in leaf.extensions} == {
            ExtensionOID.EXTENDED_KEY_USAGE,
            ExtensionOID.BASIC_CONSTRAINTS,
            ExtensionOID.SUBJECT_KEY_IDENTIFIER,
            ExtensionOID.AUTHORITY_KEY_IDENTIFIER,
        }

    def test_subject_reencoded_like_go(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """Attributes Go does not model are dropped; the rest come in Go's order."""
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, "first"),
                x509.NameAttribute(NameOID.EMAIL_ADDRESS, "alice@example.com"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "b"),
                x509.NameAttribute(NameOID.DOMAIN_COMPONENT, "example"),
                x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "unit"),
                x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "a"),
                x509.NameAttribute(NameOID.COMMON_NAME, "second"),
                x509.NameAttribute(NameOID.USER_ID, "1000"),
                x509.NameAttribute(NameOID.SERIAL_NUMBER, "42"),
                x509.NameAttribute(NameOID.LOCALITY_NAME, "Berlin"),
            ]
        )
        request = (
            x509.CertificateSigningRequestBuilder()
            .subject_name(subject)
            .sign(ec_key, hashes.SHA256())
        )
        csr = _with_request(_custom(ec_key), request)

        leaf = _leaf(_signed(signer, csr))

        assert [rdn.rfc4514_string() for rdn in leaf.subject.rdns] == [
            "C=DE",
            "L=Berlin",
            "O=a+O=b",
            "OU=unit",
            "CN=second",
            "2.5.4.5=42",
        ]

    def test_subject_value_cryptography_would_not_build(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A three-letter country, which Go accepts, is copied as it is."""
        # cryptography makes such a value only when told not to validate, and
        # warns whenever it builds or parses one; Go takes it silently.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            country = x509.NameAttribute(NameOID.COUNTRY_NAME, "USA", _validate=False)
            common_name = x509.NameAttribute(NameOID.COMMON_NAME, "us")
            request = (
                x509.CertificateSigningRequestBuilder()
                .subject_name(x509.Name([country, common_name]))
                .sign(ec_key, hashes.SHA256())
            )
            leaf = _leaf(_signed(signer, _with_request(_custom(ec_key), request)))
            subject = leaf.subject.rfc4514_string()

        assert subject == "CN=us,C=USA"

    def test_all_san_kinds_copied(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """DNS, email, IP and URI SANs are copied, in Go's order."""
        csr = _custom(
            ec_key,
            dns_names=("a.example",),
            ip_addresses=("2001:db8::1",),
            email_addresses=("alice@example.com",),
            uris=("spiffe://example.com/alice",),
        )

        leaf = _leaf(_signed(signer, csr))
        san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value

        assert list(san) == [
            x509.DNSName("a.example"),
            x509.RFC822Name("alice@example.com"),
            x509.IPAddress(ipaddress.ip_address("2001:db8::1")),
            x509.UniformResourceIdentifier("spiffe://example.com/alice"),
        ]

    def test_san_critical_when_subject_empty(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """With an empty subject the SAN extension is critical (RFC 5280)."""
        csr = _custom(ec_key, common_name="", dns_names=("a.example",))

        leaf = _leaf(_signed(signer, csr))

        assert len(leaf.subject) == 0
        assert leaf.extensions.get_extension_for_class(
            x509.SubjectAlternativeName
        ).critical

    @pytest.mark.parametrize(
        ("curve", "hash_name"),
        [(ec.SECP384R1(), "sha384"), (ec.SECP521R1(), "sha512")],
    )
    def test_ca_signature_hash(
        self,
        curve: ec.EllipticCurve,
        hash_name: str,
        ec_key: ec.EllipticCurvePrivateKey,
    ) -> None:
        """The CA signs with the hash Go picks for its curve."""
        ca_key = ec.generate_private_key(curve)
        issuing = make_ca(ca_key, not_after=NOW + timedelta(days=1))

        leaf = _leaf(_signed(Signer(issuing.certificate, ca_key), _custom(ec_key)))

        assert leaf.signature_hash_algorithm is not None
        assert leaf.signature_hash_algorithm.name == hash_name

    def test_ed25519_ca(self, ed25519_key: ed25519.Ed25519PrivateKey) -> None:
        """An Ed25519 CA signs Ed25519 (and other) requests."""
        ca_key = ed25519.Ed25519PrivateKey.generate()
        issuing = make_ca(ca_key, not_after=NOW + timedelta(days=1))

        leaf = _leaf(_signed(Signer(issuing.certificate, ca_key), _custom(ed25519_key)))

        assert leaf.signature_algorithm_oid == x509.SignatureAlgorithmOID.ED25519
        leaf.verify_directly_issued_by(issuing.certificate)

    def test_input_unchanged_and_kept(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """The result keeps metadata, spec and conditions, adding the certificate."""
        csr = _custom(ec_key)

        result = _signed(signer, csr)

        assert csr.status.certificate == b""
        assert result.metadata == csr.metadata
        assert result.spec == csr.spec
        assert result.status.conditions == csr.status.conditions
        assert result.status.certificate.count(b"-----BEGIN CERTIFICATE-----") == 1


def _key_usage(**bits: bool) -> x509.KeyUsage:
    names = (
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    )
    return x509.KeyUsage(**{name: bits.get(name, False) for name in names})


# The table of validation-rules.md section 3.2, written out independently.
_KEY_USAGE_TABLE = {
    "signing": "digital_signature",
    "digital signature": "digital_signature",
    "content commitment": "content_commitment",
    "key encipherment": "key_encipherment",
    "data encipherment": "data_encipherment",
    "key agreement": "key_agreement",
    "cert sign": "key_cert_sign",
    "crl sign": "crl_sign",
}
_EKU_TABLE = {
    "any": "2.5.29.37.0",
    "server auth": "1.3.6.1.5.5.7.3.1",
    "client auth": "1.3.6.1.5.5.7.3.2",
    "code signing": "1.3.6.1.5.5.7.3.3",
    "email protection": "1.3.6.1.5.5.7.3.4",
    "s/mime": "1.3.6.1.5.5.7.3.4",
    "ipsec end system": "1.3.6.1.5.5.7.3.5",
    "ipsec tunnel": "1.3.6.1.5.5.7.3.6",
    "ipsec user": "1.3.6.1.5.5.7.3.7",
    "timestamping": "1.3.6.1.5.5.7.3.8",
    "ocsp signing": "1.3.6.1.5.5.7.3.9",
    "microsoft sgc": "1.3.6.1.4.1.311.10.3.3",
    "netscape sgc": "2.16.840.1.113730.4.1",
}
# encipherOnly/decipherOnly without keyAgreement: cryptography refuses to parse
# such a KeyUsage, so the DER of the whole extension is checked instead.
_RAW_KEY_USAGE = {
    "encipher only": bytes.fromhex("0603551d0f0101ff0404030200 01".replace(" ", "")),
    "decipher only": bytes.fromhex("0603551d0f0101ff040503030700 80".replace(" ", "")),
}


class TestUsageMapping:
    def test_table_covers_every_usage(self) -> None:
        """The test tables name each of the 23 Kubernetes usages once."""
        assert (
            set(_KEY_USAGE_TABLE) | set(_EKU_TABLE) | set(_RAW_KEY_USAGE) == KEY_USAGES
        )

    @pytest.mark.parametrize("usage", sorted(_KEY_USAGE_TABLE))
    def test_key_usage(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey, usage: str
    ) -> None:
        """A key usage sets its KeyUsage bit and nothing else."""
        leaf = _leaf(_signed(signer, _custom(ec_key, usages=(usage,))))

        key_usage = leaf.extensions.get_extension_for_class(x509.KeyUsage)
        assert key_usage.critical
        assert key_usage.value == _key_usage(**{_KEY_USAGE_TABLE[usage]: True})
        with pytest.raises(x509.ExtensionNotFound):
            leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage)

    @pytest.mark.parametrize("usage", sorted(_RAW_KEY_USAGE))
    def test_encipher_decipher_only(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey, usage: str
    ) -> None:
        """encipher/decipher only are encoded as Go encodes the bit alone."""
        result = _signed(signer, _custom(ec_key, usages=(usage,)))
        leaf = result.status.parse_certificates()[0]

        assert _RAW_KEY_USAGE[usage] in leaf.tbs_certificate_bytes

    @pytest.mark.parametrize("usage", sorted(_EKU_TABLE))
    def test_extended_key_usage(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey, usage: str
    ) -> None:
        """An extended usage adds its EKU OID and no KeyUsage extension."""
        leaf = _leaf(_signed(signer, _custom(ec_key, usages=(usage,))))

        eku = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
        assert not eku.critical
        assert [oid.dotted_string for oid in eku.value] == [_EKU_TABLE[usage]]
        with pytest.raises(x509.ExtensionNotFound):
            leaf.extensions.get_extension_for_class(x509.KeyUsage)

    def test_bits_combine(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """Several key usages OR together; signing and digital signature are one bit."""
        usages = ("signing", "digital signature", "key agreement", "encipher only")
        leaf = _leaf(_signed(signer, _custom(ec_key, usages=usages)))

        assert leaf.extensions.get_extension_for_class(
            x509.KeyUsage
        ).value == _key_usage(
            digital_signature=True, key_agreement=True, encipher_only=True
        )

    def test_eku_sorted_and_deduplicated(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """EKUs come out once each, in Go's ExtKeyUsage order."""
        usages = (
            "netscape sgc",
            "ocsp signing",
            "client auth",
            "s/mime",
            "microsoft sgc",
            "any",
            "email protection",
            "server auth",
        )
        leaf = _leaf(_signed(signer, _custom(ec_key, usages=usages)))

        eku = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        assert [oid.dotted_string for oid in eku] == [
            "2.5.29.37.0",
            "1.3.6.1.5.5.7.3.1",
            "1.3.6.1.5.5.7.3.2",
            "1.3.6.1.5.5.7.3.4",
            "1.3.6.1.5.5.7.3.9",
            "1.3.6.1.4.1.311.10.3.3",
            "2.16.840.1.113730.4.1",
        ]


class TestLifetime:
    @pytest.mark.parametrize(
        ("expiration_seconds", "max_duration", "not_after"),
        [
            pytest.param(600, timedelta(days=365), timedelta(minutes=10), id="10min"),
            pytest.param(3600, timedelta(days=365), timedelta(hours=1), id="1h"),
            pytest.param(
                28_799, timedelta(days=365), timedelta(seconds=28_799), id="short"
            ),
            pytest.param(
                28_800, timedelta(days=365), timedelta(hours=8, minutes=-5), id="8h"
            ),
            pytest.param(
                86_400, timedelta(days=365), timedelta(hours=24, minutes=-5), id="1d"
            ),
            pytest.param(
                None, timedelta(days=365), timedelta(days=365, minutes=-5), id="default"
            ),
            pytest.param(
                864_000, timedelta(days=1), timedelta(days=1, minutes=-5), id="capped"
            ),
            pytest.param(
                600, timedelta(minutes=5), timedelta(minutes=5), id="max-below-floor"
            ),
            pytest.param(
                None, timedelta(hours=2), timedelta(hours=2), id="short-default"
            ),
        ],
    )
    def test_validity(
        self,
        long_ca: IssuingCA,
        ec_key: ec.EllipticCurvePrivateKey,
        expiration_seconds: int | None,
        max_duration: timedelta,
        not_after: timedelta,
    ) -> None:
        """Not-before is backdated 5 min; not-after follows the short/long rule."""
        signer = Signer(
            long_ca.certificate, long_ca.private_key, max_duration=max_duration
        )
        csr = _custom(ec_key)
        csr = replace(
            csr, spec=replace(csr.spec, expiration_seconds=expiration_seconds)
        )

        leaf = _leaf(_signed(signer, csr))

        assert leaf.not_valid_before_utc == NOW - timedelta(minutes=5)
        assert leaf.not_valid_after_utc == NOW + not_after

    def test_capped_at_ca_expiry(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """Not-after never passes the CA's own not-after."""
        ca_key = ec.generate_private_key(ec.SECP256R1())
        issuing = make_ca(ca_key, not_after=NOW + timedelta(hours=1))
        csr = _custom(ec_key, expiration=timedelta(days=1))

        leaf = _leaf(_signed(Signer(issuing.certificate, ca_key), csr))

        assert leaf.not_valid_after_utc == NOW + timedelta(hours=1)
        assert IssuedLifetime.of(
            _signed(Signer(issuing.certificate, ca_key), csr)
        ).shortfall == (timedelta(hours=22, minutes=55))

    @pytest.mark.parametrize(
        ("ca_not_after", "message"),
        [
            (NOW - timedelta(minutes=10), "the signer has expired: NotAfter="),
            (
                NOW - timedelta(minutes=1),
                "refusing to sign a certificate that expired in the past",
            ),
            (NOW, "refusing to sign a certificate that expired in the past"),
        ],
    )
    def test_expired_ca(
        self, ec_key: ec.EllipticCurvePrivateKey, ca_not_after: datetime, message: str
    ) -> None:
        """An expired CA refuses to sign, with the in-tree messages."""
        ca_key = ec.generate_private_key(ec.SECP256R1())
        issuing = make_ca(ca_key, not_after=ca_not_after)

        with pytest.raises(SigningError, match=message):
            Signer(issuing.certificate, ca_key).sign(_custom(ec_key), NOW)

    def test_other_time_zone(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """An aware time in another zone means the same instant."""
        local = NOW.astimezone(timezone(timedelta(hours=2)))

        leaf = _leaf(
            _signed(signer, _custom(ec_key, expiration=timedelta(hours=1)), local)
        )

        assert leaf.not_valid_before_utc == NOW - timedelta(minutes=5)

    def test_default_now(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """Without `now` the current time is used."""
        before = datetime.now(UTC).replace(microsecond=0)
        result = signer.sign(_custom(ec_key, expiration=timedelta(hours=1)))
        after = datetime.now(UTC)

        not_before = _leaf(result).not_valid_before_utc + timedelta(minutes=5)
        assert before <= not_before <= after


def _client_verifier(ca: IssuingCA) -> verification.ClientVerifier:
    # Kubernetes client certificates may carry no SAN (kubelet's never do), so
    # the end-entity policy lets SAN be absent; the rest stays Web PKI.
    end_entity = verification.ExtensionPolicy.webpki_defaults_ee().may_be_present(
        x509.SubjectAlternativeName, verification.Criticality.AGNOSTIC, None
    )
    return (
        verification.PolicyBuilder()
        .store(verification.Store([ca.certificate]))
        .time(NOW)
        .extension_policies(
            ca_policy=verification.ExtensionPolicy.webpki_defaults_ca(),
            ee_policy=end_entity,
        )
        .build_client_verifier()
    )


def _server_verifier(
    ca: IssuingCA, subject: verification.Subject
) -> verification.ServerVerifier:
    return (
        verification.PolicyBuilder()
        .store(verification.Store([ca.certificate]))
        .time(NOW)
        .build_server_verifier(subject)
    )


class TestChainVerification:
    def test_kubelet_client_verifies_for_client_use(
        self, signer: Signer, ca: IssuingCA, rsa_key: rsa.RSAPrivateKey
    ) -> None:
        """A kubelet client certificate chains to the CA for client auth."""
        csr = approved(
            CertificateSigningRequest.for_kubelet_client(
                rsa_key, node_name="node-1", name="n"
            )
        )
        leaf = _leaf(_signed(signer, csr))

        verified = _client_verifier(ca).verify(leaf, [])

        assert verified.chain == [leaf, ca.certificate]

    def test_user_client_verifies(
        self, signer: Signer, ca: IssuingCA, ed25519_key: ed25519.Ed25519PrivateKey
    ) -> None:
        """A user's client certificate chains to the CA for client auth."""
        csr = approved(
            CertificateSigningRequest.for_user(ed25519_key, username="alice", name="a")
        )
        leaf = _leaf(_signed(signer, csr))

        assert _client_verifier(ca).verify(leaf, []).chain[0] == leaf

    @pytest.mark.parametrize(
        "subject",
        [
            x509.DNSName("node-1.example"),
            x509.IPAddress(ipaddress.ip_address("10.0.0.5")),
        ],
        ids=["dns", "ip"],
    )
    def test_serving_verifies_for_server_use(
        self,
        signer: Signer,
        ca: IssuingCA,
        ec_key: ec.EllipticCurvePrivateKey,
        subject: verification.Subject,
    ) -> None:
        """A kubelet serving certificate verifies for its DNS name and IP."""
        leaf = _leaf(_signed(signer, _serving_csr(ec_key)))

        assert _server_verifier(ca, subject).verify(leaf, []) == [leaf, ca.certificate]

    def test_serving_not_for_other_name(
        self, signer: Signer, ca: IssuingCA, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A serving certificate does not verify for a name it does not carry."""
        leaf = _leaf(_signed(signer, _serving_csr(ec_key)))
        verifier = _server_verifier(ca, x509.DNSName("node-2.example"))

        with pytest.raises(verification.VerificationError):
            verifier.verify(leaf, [])

    def test_serving_not_for_client_use(
        self, signer: Signer, ca: IssuingCA, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """Usages are enforced: a serving certificate is no client certificate."""
        leaf = _leaf(_signed(signer, _serving_csr(ec_key)))

        with pytest.raises(verification.VerificationError):
            _client_verifier(ca).verify(leaf, [])


def _kubelet_client(key: AnyKey, **changes: object) -> CertificateSigningRequest:
    parts: dict[str, object] = {
        "signer_name": SIGNER_KUBE_APISERVER_CLIENT_KUBELET,
        "usages": ("digital signature", "key encipherment", "client auth"),
        "common_name": "system:node:node-1",
        "organizations": ("system:nodes",),
    }
    parts.update(changes)
    return _custom(key, **parts)  # type: ignore[arg-type]


def _kubelet_serving(key: AnyKey, **changes: object) -> CertificateSigningRequest:
    parts: dict[str, object] = {
        "signer_name": SIGNER_KUBELET_SERVING,
        "usages": ("digital signature", "key encipherment", "server auth"),
        "common_name": "system:node:node-1",
        "organizations": ("system:nodes",),
        "dns_names": ("node-1.example",),
    }
    parts.update(changes)
    return _custom(key, **parts)  # type: ignore[arg-type]


def _apiserver_client(key: AnyKey, **changes: object) -> CertificateSigningRequest:
    parts: dict[str, object] = {
        "signer_name": SIGNER_KUBE_APISERVER_CLIENT,
        "usages": ("digital signature", "client auth"),
    }
    parts.update(changes)
    return _custom(key, **parts)  # type: ignore[arg-type]


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

        result = _signed(signer, csr)

        assert _failed_message(result) == message
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
        result = _signed(signer, build(ec_key, usages=usages))

        assert result.status.certificate

    def test_apiserver_client_allows_any_subject_and_sans(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """kube-apiserver-client restricts usages only; SANs are copied."""
        csr = _apiserver_client(
            ec_key, dns_names=("a.example",), uris=("spiffe://x/y",)
        )

        leaf = _leaf(_signed(signer, csr))

        assert leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName)

    def test_serving_with_ip_only(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """An IP SAN alone satisfies the serving signer."""
        csr = _kubelet_serving(ec_key, dns_names=(), ip_addresses=("10.0.0.9",))

        assert _signed(signer, csr).status.certificate

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

        assert _signed(signer, csr).status.certificate

    def test_legacy_unknown_accepts_anything(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """legacy-unknown applies no restriction."""
        csr = _custom(ec_key, usages=("cert sign", "server auth", "code signing"))

        assert _signed(signer, csr).status.certificate

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


class TestCustomPolicies:
    def test_custom_signer_name(
        self, ca: IssuingCA, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A custom signer name signs under its own policy, which sees the spec."""

        def same_user(
            request: x509.CertificateSigningRequest, spec: CertificateSigningRequestSpec
        ) -> str | None:
            names = request.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
            if not names or names[0].value != spec.username:
                return (
                    f"subject common name must be the requesting user {spec.username}"
                )
            return None

        signer = Signer(
            ca.certificate, ca.private_key, policies={"example.com/self": same_user}
        )
        csr = _custom(ec_key, signer_name="example.com/self", common_name="alice")
        as_alice = replace(csr, spec=replace(csr.spec, username="alice"))
        as_bob = replace(csr, spec=replace(csr.spec, username="bob"))

        assert _signed(signer, as_alice).status.certificate
        assert _failed_message(_signed(signer, as_bob)) == (
            "subject common name must be the requesting user bob"
        )
        assert "example.com/self" in signer.signer_names

    def test_replace_in_tree_policy(
        self, ca: IssuingCA, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A policy given for an in-tree signer name replaces the built-in one."""
        signer = Signer(
            ca.certificate,
            ca.private_key,
            policies={SIGNER_LEGACY_UNKNOWN: lambda request, spec: "legacy is closed"},
        )

        result = _signed(signer, _custom(ec_key))

        assert _failed_message(result) == "legacy is closed"
