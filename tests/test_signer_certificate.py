"""The certificate the signer issues: contents, usages, chains."""

from __future__ import annotations

import ipaddress
import warnings
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509 import verification
from cryptography.x509.oid import ExtendedKeyUsageOID, ExtensionOID, NameOID

from csrmodels import (
    KEY_USAGES,
    CertificateSigningRequest,
)
from csrmodels.signer import (
    Signer,
)
from csrmodels.x509 import CertificateInfo, PEMError
from tests.conftest import IssuingCA, approved, make_ca
from tests.signing import (
    NOW,
    custom_csr,
    only_leaf,
    serving_csr,
    signed,
    with_request,
)


class TestIssuedCertificate:
    def test_serving_extensions(
        self, signer: Signer, rsa_key: rsa.RSAPrivateKey
    ) -> None:
        """A kubelet serving certificate carries exactly the expected extensions."""
        leaf = only_leaf(signed(signer, serving_csr(rsa_key)))
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
        leaf = only_leaf(signed(signer, custom_csr(ec_key)))
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
        leaf = only_leaf(signed(Signer(bare.certificate, ca_key), custom_csr(ec_key)))

        aki = leaf.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value

        assert aki == x509.AuthorityKeyIdentifier.from_issuer_public_key(
            ca_key.public_key()
        )

    def test_issuer_key_and_serial(
        self, signer: Signer, ca: IssuingCA, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """The leaf is issued by the CA, for the request's key, with a random serial."""
        first = only_leaf(signed(signer, custom_csr(ec_key)))
        second = only_leaf(signed(signer, custom_csr(ec_key)))

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
        csr = with_request(custom_csr(ec_key, usages=("client auth",)), request)

        leaf = only_leaf(signed(signer, csr))

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
        csr = with_request(custom_csr(ec_key), request)

        leaf = only_leaf(signed(signer, csr))

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
            leaf = only_leaf(signed(signer, with_request(custom_csr(ec_key), request)))
            subject = leaf.subject.rfc4514_string()

        assert subject == "CN=us,C=USA"

    def test_all_san_kinds_copied(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """DNS, email, IP and URI SANs are copied, in Go's order."""
        csr = custom_csr(
            ec_key,
            dns_names=("a.example",),
            ip_addresses=("2001:db8::1",),
            email_addresses=("alice@example.com",),
            uris=("spiffe://example.com/alice",),
        )

        leaf = only_leaf(signed(signer, csr))
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
        csr = custom_csr(ec_key, common_name="", dns_names=("a.example",))

        leaf = only_leaf(signed(signer, csr))

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

        leaf = only_leaf(
            signed(Signer(issuing.certificate, ca_key), custom_csr(ec_key))
        )

        assert leaf.signature_hash_algorithm is not None
        assert leaf.signature_hash_algorithm.name == hash_name

    def test_rsa_ca(
        self, rsa_key: rsa.RSAPrivateKey, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """An RSA CA signs with SHA-256 and PKCS#1 v1.5, as Go does."""
        issuing = make_ca(rsa_key, not_after=NOW + timedelta(days=1))

        leaf = only_leaf(
            signed(Signer(issuing.certificate, rsa_key), custom_csr(ec_key))
        )

        assert (
            leaf.signature_algorithm_oid == x509.SignatureAlgorithmOID.RSA_WITH_SHA256
        )
        leaf.verify_directly_issued_by(issuing.certificate)

    def test_ed25519_ca(self, ed25519_key: ed25519.Ed25519PrivateKey) -> None:
        """An Ed25519 CA signs Ed25519 (and other) requests."""
        ca_key = ed25519.Ed25519PrivateKey.generate()
        issuing = make_ca(ca_key, not_after=NOW + timedelta(days=1))

        leaf = only_leaf(
            signed(Signer(issuing.certificate, ca_key), custom_csr(ed25519_key))
        )

        assert leaf.signature_algorithm_oid == x509.SignatureAlgorithmOID.ED25519
        leaf.verify_directly_issued_by(issuing.certificate)

    def test_input_unchanged_and_kept(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """The result keeps metadata, spec and conditions, adding the certificate."""
        csr = custom_csr(ec_key)

        result = signed(signer, csr)

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
        leaf = only_leaf(signed(signer, custom_csr(ec_key, usages=(usage,))))

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
        result = signed(signer, custom_csr(ec_key, usages=(usage,)))
        leaf = result.status.parse_certificates()[0]

        assert _RAW_KEY_USAGE[usage] in leaf.tbs_certificate_bytes
        with pytest.raises(PEMError, match="cryptography cannot read the extensions"):
            CertificateInfo.from_pem(result.status.certificate)

    @pytest.mark.parametrize("usage", sorted(_EKU_TABLE))
    def test_extended_key_usage(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey, usage: str
    ) -> None:
        """An extended usage adds its EKU OID and no KeyUsage extension."""
        leaf = only_leaf(signed(signer, custom_csr(ec_key, usages=(usage,))))

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
        leaf = only_leaf(signed(signer, custom_csr(ec_key, usages=usages)))

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
        leaf = only_leaf(signed(signer, custom_csr(ec_key, usages=usages)))

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
        leaf = only_leaf(signed(signer, csr))

        verified = _client_verifier(ca).verify(leaf, [])

        assert verified.chain == [leaf, ca.certificate]

    def test_user_client_verifies(
        self, signer: Signer, ca: IssuingCA, ed25519_key: ed25519.Ed25519PrivateKey
    ) -> None:
        """A user's client certificate chains to the CA for client auth."""
        csr = approved(
            CertificateSigningRequest.for_user(ed25519_key, username="alice", name="a")
        )
        leaf = only_leaf(signed(signer, csr))

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
        leaf = only_leaf(signed(signer, serving_csr(ec_key)))

        assert _server_verifier(ca, subject).verify(leaf, []) == [leaf, ca.certificate]

    def test_serving_not_for_other_name(
        self, signer: Signer, ca: IssuingCA, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A serving certificate does not verify for a name it does not carry."""
        leaf = only_leaf(signed(signer, serving_csr(ec_key)))
        verifier = _server_verifier(ca, x509.DNSName("node-2.example"))

        with pytest.raises(verification.VerificationError):
            verifier.verify(leaf, [])

    def test_serving_not_for_client_use(
        self, signer: Signer, ca: IssuingCA, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """Usages are enforced: a serving certificate is no client certificate."""
        leaf = only_leaf(signed(signer, serving_csr(ec_key)))

        with pytest.raises(verification.VerificationError):
            _client_verifier(ca).verify(leaf, [])
