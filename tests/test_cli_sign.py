"""`csrmodels sign` and the whole offline flow: new, validate, approve, sign, cert."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed448
from cryptography.x509.oid import ExtendedKeyUsageOID

from csrmodels.manifest import load
from tests.cli import CA, JANE, make_ca, run


@pytest.fixture
def ca(tmp_path: Path) -> CA:
    """A fresh CA in files."""
    return make_ca(tmp_path)


def sign_args(ca: CA) -> list[str]:
    return ["--ca-cert", str(ca.cert_path), "--ca-key", str(ca.key_path)]


class TestSign:
    def test_signs_an_approved_csr(self, ca: CA) -> None:
        """An approved CSR gets a certificate issued by the CA, exit 0."""
        approved = run("approve", str(JANE)).out

        ran = run("sign", "-", *sign_args(ca), stdin=approved)

        assert ran.code == 0, ran.err
        (csr,) = load(ran.out)
        (certificate,) = csr.status.parse_certificates()
        assert certificate.issuer == ca.certificate.subject
        assert certificate.public_key() == csr.spec.parse_request().public_key()

    def test_max_duration_caps_the_lifetime(self, ca: CA) -> None:
        """--max-duration caps the lifetime asked for by expirationSeconds."""
        approved = run("approve", str(JANE)).out

        ran = run("sign", "-", *sign_args(ca), "--max-duration", "1h", stdin=approved)

        (certificate,) = load(ran.out)[0].status.parse_certificates()
        lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc
        assert lifetime == timedelta(hours=1, minutes=5)

    def test_policy_refusal_is_output_with_exit_1(self, ca: CA) -> None:
        """A refusal by the signer's policy is printed as a Failed condition, exit 1."""
        key_file = ca.cert_path.parent / "n.key"
        made = run(
            *("new", "--new-key", str(key_file), "--name", "n1"),
            *("--signer", "kubernetes.io/kubelet-serving", "--cn", "n1"),
            *("--usage", "digital signature", "--usage", "server auth", "--dns", "n1"),
        )
        approved = run("approve", "-", stdin=made.out).out

        ran = run("sign", "-", *sign_args(ca), stdin=approved)

        assert ran.code == 1
        (csr,) = load(ran.out)
        assert csr.is_failed
        assert csr.status.certificate == b""
        assert ran.err == (
            "csrmodels: <stdin>: the signer's policy refused: "
            "subject organization is not system:nodes\n"
        )

    def test_custom_signer_name(self, ca: CA) -> None:
        """--signer-name answers a custom signer; without it the CSR is refused."""
        made = run(
            *("new", "--new-key", str(ca.cert_path.parent / "svc.key")),
            *("--signer", "example.com/mesh", "--usage", "server auth"),
            *("--cn", "svc", "--uri", "spiffe://example.com/svc", "--name", "svc"),
        )
        approved = run("approve", "-", stdin=made.out).out

        refused = run("sign", "-", *sign_args(ca), stdin=approved)
        signed = run(
            "sign",
            "-",
            *sign_args(ca),
            "--signer-name",
            "example.com/mesh",
            stdin=approved,
        )

        assert refused.code == 1
        assert "no policy for spec.signerName 'example.com/mesh'" in refused.err
        assert signed.code == 0, signed.err
        (certificate,) = load(signed.out)[0].status.parse_certificates()
        names = certificate.extensions.get_extension_for_class(
            x509.SubjectAlternativeName
        ).value
        assert names.get_values_for_type(x509.UniformResourceIdentifier) == [
            "spiffe://example.com/svc"
        ]

    def test_ca_key_go_cannot_sign_with(self, tmp_path: Path) -> None:
        """An Ed448 CA is refused naming the key types that work."""
        ca = make_ca(tmp_path, ed448.Ed448PrivateKey.generate())

        ran = run("sign", str(JANE), *sign_args(ca))

        assert ran.code == 2
        assert ran.err == (
            f"csrmodels: --ca-key {ca.key_path}: Ed448 keys cannot sign certificates; "
            "use RSA, ECDSA (P-256, P-384, P-521) or Ed25519\n"
        )

    def test_in_tree_signer_name_keeps_its_policy(self, ca: CA) -> None:
        """--signer-name cannot swap an in-tree policy for no policy at all."""
        approved = run("approve", str(JANE)).out

        ran = run(
            "sign",
            "-",
            *sign_args(ca),
            *("--signer-name", "kubernetes.io/kubelet-serving"),
            stdin=approved,
        )

        assert ran.code == 2
        assert ran.out == ""
        assert ran.err == (
            "csrmodels: --signer-name kubernetes.io/kubelet-serving: an in-tree "
            "signer name, already answered with its own policy; give only custom "
            "signer names\n"
        )

    def test_pending_csr_is_refused_without_output(self, ca: CA) -> None:
        """A CSR that is not approved is not answered: exit 1, nothing printed."""
        ran = run("sign", str(JANE), *sign_args(ca))

        assert ran.code == 1
        assert ran.out == ""
        assert ran.err == (
            f"csrmodels: {JANE}: cannot sign CSR 'jane-client': it is not approved\n"
        )

    def test_ca_files_errors(self, ca: CA, tmp_path: Path) -> None:
        """Bad CA files are usage errors naming the option; no key text is shown."""
        (tmp_path / "other").mkdir()
        other = make_ca(tmp_path / "other")
        approved = run("approve", str(JANE)).out
        garbage = tmp_path / "garbage.pem"
        garbage.write_text(
            "-----BEGIN PRIVATE KEY-----\nSECRETSECRET\n-----END PRIVATE KEY-----\n"
        )

        cases = {
            ("--ca-cert", str(garbage), "--ca-key", str(ca.key_path)): "--ca-cert",
            ("--ca-cert", str(ca.cert_path), "--ca-key", str(garbage)): "--ca-key",
            (
                "--ca-cert",
                str(ca.cert_path),
                "--ca-key",
                str(other.key_path),
            ): "the key does not match --ca-cert",
            (
                "--ca-cert",
                str(tmp_path / "nope"),
                "--ca-key",
                str(ca.key_path),
            ): "cannot read",
        }
        for options, message in cases.items():
            ran = run("sign", "-", *options, stdin=approved)
            assert ran.code == 2, options
            assert message in ran.err
            assert "SECRET" not in ran.err
            assert ran.err.count("\n") == 1

    def test_encrypted_ca_key(self, ca: CA, tmp_path: Path) -> None:
        """An encrypted CA key is read with --ca-key-password-file."""
        key = serialization.load_pem_private_key(ca.key_path.read_bytes(), None)
        locked = tmp_path / "ca-locked.key"
        locked.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(b"ca-secret"),
            )
        )
        password = tmp_path / "ca-password"
        password.write_text("ca-secret\n")
        approved = run("approve", str(JANE)).out
        options = ["--ca-cert", str(ca.cert_path), "--ca-key", str(locked)]

        refused = run("sign", "-", *options, stdin=approved)
        signed = run(
            "sign",
            "-",
            *options,
            "--ca-key-password-file",
            str(password),
            stdin=approved,
        )

        assert refused.code == 2
        assert "give its password with --ca-key-password-file" in refused.err
        assert signed.code == 0, signed.err
        assert load(signed.out)[0].status.certificate

    def test_bad_max_duration(self, ca: CA) -> None:
        """--max-duration must be a duration."""
        ran = run("sign", str(JANE), *sign_args(ca), "--max-duration", "forever")

        assert ran.code == 2
        assert "--max-duration: 'forever' is not a duration" in ran.err

    def test_max_duration_too_long(self, ca: CA) -> None:
        """A duration past what Python can hold is a usage error, shortened."""
        days = "9" * 5000 + "d"

        ran = run("sign", str(JANE), *sign_args(ca), "--max-duration", days)

        assert ran.code == 2
        assert ran.err.startswith("csrmodels: --max-duration: '99999")
        assert ran.err.endswith("(5001 characters) is too long a duration\n")

    def test_ca_options_are_required(self) -> None:
        """--ca-cert and --ca-key are required."""
        ran = run("sign", str(JANE))

        assert ran.code == 2
        assert "--ca-cert" in ran.err


class TestOfflineFlow:
    def test_new_validate_approve_sign_cert(self, ca: CA, tmp_path: Path) -> None:
        """The whole flow without a cluster gives a certificate the CA vouches for."""
        key_path = tmp_path / "jane.key"

        made = run(
            *("new", "--new-key", str(key_path), "--preset", "user"),
            *("--user", "jane", "--group", "developers", "--expiration", "24h"),
        )
        assert made.code == 0, made.err
        assert stat.S_IMODE(key_path.stat().st_mode) == 0o600

        checked = run("validate", "-", stdin=made.out)
        assert (checked.code, checked.out) == (0, "<stdin>: valid\n")

        approved = run("approve", "-", stdin=made.out)
        assert approved.code == 0, approved.err

        signed = run("sign", "-", *sign_args(ca), stdin=approved.out)
        assert signed.code == 0, signed.err

        issued = run("cert", "-", stdin=signed.out)
        assert issued.code == 0, issued.err

        (certificate,) = x509.load_pem_x509_certificates(issued.out.encode())
        certificate.verify_directly_issued_by(ca.certificate)
        key = serialization.load_pem_private_key(key_path.read_bytes(), None)
        assert certificate.public_key() == key.public_key()
        assert certificate.subject.rfc4514_string() == "CN=jane,O=developers"
        usages = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
        assert list(usages.value) == [ExtendedKeyUsageOID.CLIENT_AUTH]
        now = datetime.now(UTC)
        assert certificate.not_valid_before_utc <= now
        assert certificate.not_valid_after_utc - now <= timedelta(hours=24)
        assert "PRIVATE KEY" not in made.out + approved.out + signed.out + issued.out
