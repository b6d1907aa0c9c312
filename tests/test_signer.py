"""The signer: construction, the CSRs it will not answer, custom policies."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from csrmodels import (
    SIGNER_KUBELET_SERVING,
    SIGNER_LEGACY_UNKNOWN,
    CertificateSigningRequestSpec,
    CSRModelsError,
)
from csrmodels.signer import (
    IN_TREE_POLICIES,
    Signer,
    SigningError,
)
from tests.conftest import IssuingCA
from tests.signing import (
    NOW,
    custom_csr,
    failed_message,
    signed,
    with_condition,
    with_request,
)


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
        csr = custom_csr(ec_key, approve=False)

        with pytest.raises(SigningError, match="'test-csr': it is not approved"):
            signer.sign(csr, NOW)

    def test_denied(self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """A denied CSR is not signed, even if also approved."""
        csr = with_condition(custom_csr(ec_key), "Denied")

        with pytest.raises(SigningError, match="it is denied"):
            signer.sign(csr, NOW)

    @pytest.mark.parametrize("status", ["True", ""])
    def test_failed(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey, status: str
    ) -> None:
        """A Failed condition with status True (or empty) stops signing."""
        csr = with_condition(custom_csr(ec_key), "Failed", status)

        with pytest.raises(SigningError, match="it has a Failed condition"):
            signer.sign(csr, NOW)

    def test_failed_false_does_not_stop(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A Failed condition with status False does not count, as in-tree."""
        csr = with_condition(custom_csr(ec_key), "Failed", "False")

        assert signer.sign(csr, NOW).status.certificate

    def test_already_issued(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A CSR that already has a certificate is not signed again."""
        issued = signer.sign(custom_csr(ec_key), NOW)

        with pytest.raises(SigningError, match=r"status\.certificate is already set"):
            signer.sign(issued, NOW)

    def test_unknown_signer_name(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A signer name without a policy is refused, naming the ones known."""
        csr = custom_csr(ec_key, signer_name="example.com/other")

        with pytest.raises(
            SigningError, match=r"no policy for spec\.signerName 'example\.com/other'"
        ):
            signer.sign(csr, NOW)

    def test_bad_signature(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A request whose signature does not verify is refused."""
        csr = custom_csr(ec_key)
        der = bytearray(
            csr.spec.parse_request().public_bytes(serialization.Encoding.DER)
        )
        der[-1] ^= 0x01
        bad = with_request(csr, x509.load_der_x509_csr(bytes(der)))

        with pytest.raises(SigningError, match="ECDSA verification failure"):
            signer.sign(bad, NOW)

    def test_unreadable_request(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A request that is not PEM is refused with the API server's message."""
        csr = custom_csr(ec_key)
        bad = replace(csr, spec=replace(csr.spec, request=b"not pem"))

        with pytest.raises(
            SigningError, match="PEM block type must be CERTIFICATE REQUEST"
        ):
            signer.sign(bad, NOW)

    def test_wire_dict_refused(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A wire mapping is refused with a hint to decode it first."""
        wire = custom_csr(ec_key).to_dict()

        with pytest.raises(TypeError, match="decode wire data with"):
            signer.sign(wire, NOW)  # type: ignore[arg-type]

    def test_naive_now(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """A naive signing time is refused."""
        with pytest.raises(ValueError, match="now must be timezone-aware"):
            signer.sign(custom_csr(ec_key), datetime(2026, 1, 1))

    def test_error_types(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """SigningError is a ValueError and a csrmodels error, with the reason."""
        csr = with_condition(custom_csr(ec_key), "Denied")

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
        csr = custom_csr(ec_key, usages=("client auth", "bogus", "other"))

        with pytest.raises(
            SigningError, match=r'unrecognized usage values: \["bogus" "other"\]'
        ):
            signer.sign(csr, NOW)


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
        csr = custom_csr(ec_key, signer_name="example.com/self", common_name="alice")
        as_alice = replace(csr, spec=replace(csr.spec, username="alice"))
        as_bob = replace(csr, spec=replace(csr.spec, username="bob"))

        assert signed(signer, as_alice).status.certificate
        assert failed_message(signed(signer, as_bob)) == (
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

        result = signed(signer, custom_csr(ec_key))

        assert failed_message(result) == "legacy is closed"
