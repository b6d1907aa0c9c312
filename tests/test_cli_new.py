"""`csrmodels new`: CSR manifests from a key, new keys with mode 0600, presets."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from csrmodels import CertificateSigningRequest
from csrmodels.manifest import load
from tests.cli import run


def read_one(text: str) -> CertificateSigningRequest:
    (csr,) = load(text)
    return csr


@pytest.fixture
def ec_key_file(tmp_path: Path) -> Path:
    """An existing unencrypted ECDSA key, as openssl would have left it."""
    key = ec.generate_private_key(ec.SECP256R1())
    path = tmp_path / "existing.key"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    return path


class TestNewKey:
    @pytest.mark.parametrize(
        ("key_type", "size", "expected"),
        [
            ("ecdsa", None, ec.EllipticCurvePrivateKey),
            ("rsa", None, rsa.RSAPrivateKey),
            ("ed25519", None, ed25519.Ed25519PrivateKey),
            ("ecdsa", "384", ec.EllipticCurvePrivateKey),
        ],
    )
    def test_new_key_is_written_with_mode_0600(
        self, tmp_path: Path, key_type: str, size: str | None, expected: type
    ) -> None:
        """The new key file is readable by its owner only and signs the request."""
        key_path = tmp_path / "jane.key"
        argv = ["new", "--new-key", str(key_path), "--key-type", key_type]
        if size is not None:
            argv += ["--key-size", size]

        ran = run(*argv, "--preset", "user", "--user", "jane", "--name", "jane")

        assert ran.code == 0, ran.err
        assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
        key = serialization.load_pem_private_key(key_path.read_bytes(), None)
        assert isinstance(key, expected)
        request = read_one(ran.out).spec.parse_request()
        assert request.public_key() == key.public_key()
        assert request.is_signature_valid

    def test_key_never_appears_in_output(self, tmp_path: Path) -> None:
        """Neither stdout nor stderr carries the private key."""
        key_path = tmp_path / "jane.key"

        ran = run("new", "--new-key", str(key_path), "--preset", "user", "--user", "j")

        assert "PRIVATE KEY" not in ran.out + ran.err
        body = key_path.read_text().splitlines()[1]
        assert body not in ran.out + ran.err

    def test_existing_file_is_never_replaced(self, tmp_path: Path) -> None:
        """--new-key refuses a path that exists, and leaves the file as it was."""
        key_path = tmp_path / "jane.key"
        key_path.write_text("precious")

        ran = run("new", "--new-key", str(key_path), "--preset", "user", "--user", "j")

        assert ran.code == 2
        assert ran.out == ""
        assert ran.err == (
            f"csrmodels: --new-key {key_path}: the file exists; "
            "refusing to replace a key\n"
        )
        assert key_path.read_text() == "precious"

    def test_new_key_is_never_written_to_stdout(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--new-key - is refused, and no file named - is made."""
        monkeypatch.chdir(tmp_path)

        ran = run("new", "--new-key", "-", "--preset", "user", "--user", "a")

        assert ran.code == 2
        assert ran.out == ""
        assert "the new key is never written to stdout" in ran.err
        assert not (tmp_path / "-").exists()

    def test_unwritable_directory(self, tmp_path: Path) -> None:
        """A key path in a missing directory is one line, exit 2, no manifest."""
        key_path = tmp_path / "missing" / "jane.key"

        ran = run("new", "--new-key", str(key_path), "--preset", "user", "--user", "j")

        assert ran.code == 2
        assert ran.out == ""
        assert "cannot create: No such file or directory" in ran.err

    def test_no_key_written_when_the_csr_is_refused(self, tmp_path: Path) -> None:
        """When validation refuses the CSR, the new key file is not created."""
        key_path = tmp_path / "jane.key"

        ran = run(
            "new",
            *("--new-key", str(key_path)),
            *("--signer", "not a signer", "--usage", "client auth"),
        )

        assert ran.code == 1
        assert "spec.signerName" in ran.err
        assert not key_path.exists()

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            (["--key-type", "ed25519", "--key-size", "256"], "fixed size"),
            (["--key-type", "rsa", "--key-size", "1024"], "2048, 3072, 4096 bits"),
            (["--key-type", "ecdsa", "--key-size", "2048"], "256, 384, 521 bits"),
        ],
    )
    def test_bad_key_size(
        self, tmp_path: Path, options: list[str], message: str
    ) -> None:
        """A size the key type does not have is a usage error."""
        key_path = tmp_path / "k"

        ran = run(
            "new",
            "--new-key",
            str(key_path),
            *options,
            "--preset",
            "user",
            "--user",
            "j",
        )

        assert ran.code == 2
        assert message in ran.err
        assert not key_path.exists()


class TestExistingKey:
    def test_existing_key_signs_the_request(self, ec_key_file: Path) -> None:
        """--key uses the key as it is; the file is not touched."""
        before = ec_key_file.read_bytes()

        ran = run(
            "new",
            *("--key", str(ec_key_file)),
            *("--signer", "example.com/mtls", "--usage", "client auth"),
            *("--cn", "svc-a", "--org", "team-a"),
            *("--dns", "a.example.com", "--ip", "10.1.2.3"),
            *("--email", "a@example.com", "--uri", "spiffe://example.com/a"),
            *("--name", "svc-a", "--expiration", "1h30m"),
        )

        assert ran.code == 0, ran.err
        assert ec_key_file.read_bytes() == before
        csr = read_one(ran.out)
        assert csr.metadata.name == "svc-a"
        assert csr.spec.signer_name == "example.com/mtls"
        assert csr.spec.expiration_seconds == 5400
        request = csr.spec.parse_request()
        names = request.extensions.get_extension_for_class(
            x509.SubjectAlternativeName
        ).value
        assert names.get_values_for_type(x509.DNSName) == ["a.example.com"]
        assert names.get_values_for_type(x509.UniformResourceIdentifier) == [
            "spiffe://example.com/a"
        ]

    def test_key_from_stdin(self, ec_key_file: Path) -> None:
        """--key - reads the key from stdin."""
        ran = run(
            *("new", "--key", "-", "--preset", "kubelet-client", "--node", "n1"),
            stdin=ec_key_file.read_bytes(),
        )

        assert ran.code == 0, ran.err

    def test_json_output(self, ec_key_file: Path) -> None:
        """-o json prints the manifest as JSON."""
        ran = run(
            "new",
            "--key",
            str(ec_key_file),
            "-o",
            "json",
            "--preset",
            "user",
            "--user",
            "j",
        )

        assert ran.out.startswith("{\n")
        assert (
            read_one(ran.out).spec.signer_name == "kubernetes.io/kube-apiserver-client"
        )

    @pytest.mark.parametrize(
        "content",
        [
            b"not a key",
            b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        ],
        ids=["text", "bad PEM"],
    )
    def test_bad_key_file(self, tmp_path: Path, content: bytes) -> None:
        """A file that holds no key is one line naming it; its content is not shown."""
        path = tmp_path / "bad.key"
        path.write_bytes(content)

        ran = run("new", "--key", str(path), "--preset", "user", "--user", "j")

        assert ran.code == 2
        assert ran.err == f"csrmodels: --key {path}: not a PEM or DER private key\n"

    def test_encrypted_key_and_its_password(self, tmp_path: Path) -> None:
        """An encrypted key needs --key-password-file; a wrong password is named."""
        key = ec.generate_private_key(ec.SECP256R1())
        path = tmp_path / "locked.key"
        path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(b"hunter22"),
            )
        )
        right, wrong = tmp_path / "right", tmp_path / "wrong"
        right.write_text("hunter22\n")
        wrong.write_text("letmein\n")
        shape = ["--preset", "user", "--user", "j"]

        missing = run("new", "--key", str(path), *shape)
        opened = run(
            "new", "--key", str(path), "--key-password-file", str(right), *shape
        )
        refused = run(
            "new", "--key", str(path), "--key-password-file", str(wrong), *shape
        )

        assert missing.code == 2
        assert "the key is encrypted; give its password with --key-password-file" in (
            missing.err
        )
        assert opened.code == 0, opened.err
        assert (
            read_one(opened.out).spec.parse_request().public_key() == key.public_key()
        )
        assert refused.code == 2
        assert "or the password is wrong" in refused.err
        assert "letmein" not in refused.err
        assert "hunter22" not in opened.out + opened.err

    def test_password_file_for_a_plain_key(
        self, ec_key_file: Path, tmp_path: Path
    ) -> None:
        """A password file given for a key that is not encrypted is refused."""
        password = tmp_path / "pw"
        password.write_text("x\n")

        ran = run(
            *("new", "--key", str(ec_key_file), "--key-password-file", str(password)),
            *("--preset", "user", "--user", "j"),
        )

        assert ran.code == 2
        assert "the key is not encrypted" in ran.err

    def test_empty_password_file(self, ec_key_file: Path, tmp_path: Path) -> None:
        """An empty password file is named as such, whatever the key."""
        empty = tmp_path / "password"
        empty.write_text("\n")

        ran = run(
            *("new", "--key", str(ec_key_file), "--key-password-file", str(empty)),
            *("--preset", "user", "--user", "a"),
        )

        assert ran.code == 2
        assert ran.err == (
            f"csrmodels: --key-password-file {empty}: the first line is empty\n"
        )

    def test_password_file_goes_with_key(self, tmp_path: Path) -> None:
        """--key-password-file makes no sense for a new key."""
        ran = run(
            *("new", "--new-key", str(tmp_path / "k"), "--key-password-file", "pw"),
            *("--preset", "user", "--user", "j"),
        )

        assert ran.code == 2
        assert "--key-password-file goes with --key" in ran.err

    @pytest.mark.parametrize(
        ("make_key", "kind"),
        [
            (lambda: dsa.generate_private_key(2048), "DSA"),
            (lambda: ec.generate_private_key(ec.SECP256K1()), "ECDSA secp256k1"),
        ],
        ids=["DSA", "secp256k1"],
    )
    def test_key_type_that_cannot_sign_a_csr(
        self, tmp_path: Path, make_key: Callable[[], PrivateKeyTypes], kind: str
    ) -> None:
        """A key Go cannot sign a request with is refused with the types that work."""
        key = make_key()
        path = tmp_path / "unusable.key"
        path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )

        ran = run("new", "--key", str(path), "--preset", "user", "--user", "j")

        assert ran.code == 2
        assert ran.err == (
            f"csrmodels: --key {path}: {kind} keys cannot sign a CSR; "
            "use RSA, ECDSA (P-256, P-384, P-521) or Ed25519\n"
        )

    def test_missing_key_file(self, tmp_path: Path) -> None:
        """A missing --key file is named."""
        ran = run(
            "new", "--key", str(tmp_path / "nope"), "--preset", "user", "--user", "j"
        )

        assert ran.code == 2
        assert "--key " in ran.err
        assert "No such file or directory" in ran.err


class TestPresets:
    def test_kubelet_client(self, ec_key_file: Path) -> None:
        """kubelet-client: the node's client CSR, named by generateName csr-."""
        ran = run(
            "new",
            "--key",
            str(ec_key_file),
            "--preset",
            "kubelet-client",
            "--node",
            "w1",
        )

        csr = read_one(ran.out)
        assert csr.metadata.generate_name == "csr-"
        assert csr.spec.signer_name == "kubernetes.io/kube-apiserver-client-kubelet"
        subject = csr.spec.parse_request().subject.rfc4514_string()
        assert subject == "CN=system:node:w1,O=system:nodes"

    def test_kubelet_serving(self, ec_key_file: Path) -> None:
        """kubelet-serving takes --dns and --ip."""
        ran = run(
            *("new", "--key", str(ec_key_file), "--preset", "kubelet-serving"),
            *("--node", "w1", "--dns", "w1.local", "--ip", "10.0.0.5"),
        )

        csr = read_one(ran.out)
        assert csr.spec.signer_name == "kubernetes.io/kubelet-serving"
        assert csr.spec.usages == ("digital signature", "server auth")

    def test_user_with_groups(self, ec_key_file: Path) -> None:
        """user: CN is the user, one O per group."""
        ran = run(
            *("new", "--key", str(ec_key_file), "--preset", "user", "--user", "jane"),
            *("--group", "dev", "--group", "ops", "--generate-name", "jane-"),
        )

        csr = read_one(ran.out)
        assert csr.metadata.generate_name == "jane-"
        subject = csr.spec.parse_request().subject
        orgs = [a.value for a in subject if a.oid == x509.NameOID.ORGANIZATION_NAME]
        assert orgs == ["dev", "ops"]

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            (["--preset", "user"], "--preset user needs --user"),
            (["--preset", "kubelet-client"], "--preset kubelet-client needs --node"),
            (
                ["--preset", "kubelet-client", "--node", "a", "--dns", "x"],
                "--dns cannot be used with --preset kubelet-client",
            ),
            (
                ["--preset", "user", "--user", "a", "--signer", "x.io/y"],
                "--signer cannot be used with --preset user",
            ),
            (
                ["--preset", "kubelet-serving", "--node", "a"],
                "--preset kubelet-serving needs --dns or --ip",
            ),
            (
                ["--preset", "kubelet-serving", "--node", "a", "--ip", "10.0.0.256"],
                "--ip: '10.0.0.256' is not an IP address",
            ),
            (
                ["--signer", "a.io/b", "--usage", "any", "--dns", "bücher.example"],
                "--dns: 'bücher.example' is not ASCII",
            ),
            (
                ["--signer", "a.io/b", "--usage", "any", "--cn", "x" * 65],
                "--cn: the subject CN 'xxxxx",
            ),
            (
                ["--preset", "kubelet-client", "--node", "n" * 60],
                "--node: the subject CN 'system:node:nnnn",
            ),
            (["--node", "a"], "--node goes with a --preset"),
            (["--signer", "x.io/y"], "give --preset, or --signer and at least one"),
            (["--preset", "admin"], "invalid choice: 'admin'"),
            (
                ["--preset", "user", "--user", "a", "--expiration", "tomorrow"],
                "--expiration: 'tomorrow' is not a duration",
            ),
            (
                ["--preset", "user", "--user", "a", "--expiration", "0h"],
                "--expiration: '0h' is zero",
            ),
            (
                ["--preset", "user", "--user", "a", "--expiration", "5m"],
                "--expiration: '5m' is less than 10 minutes",
            ),
            (
                [
                    "--preset",
                    "user",
                    "--user",
                    "a",
                    "--name",
                    "a",
                    "--generate-name",
                    "b",
                ],
                "not allowed with argument",
            ),
            (
                ["--preset", "user", "--user", "a", "--expiration", "100000d"],
                "--expiration: '100000d' is more than expirationSeconds holds",
            ),
            (
                ["--preset", "user", "--user", "a", "--expiration", "9" * 30 + "d"],
                "is too long a duration",
            ),
            (
                ["--preset", "user", "--user", "a", "--group", "system:masters"],
                "system:masters",
            ),
        ],
    )
    def test_bad_options(
        self, ec_key_file: Path, options: list[str], message: str
    ) -> None:
        """Wrong combinations and values are usage errors with one clear line."""
        ran = run("new", "--key", str(ec_key_file), *options)

        assert ran.code == 2
        assert ran.out == ""
        assert message in ran.err

    def test_key_type_with_existing_key(self, ec_key_file: Path) -> None:
        """--key-type describes a new key only."""
        ran = run(
            "new",
            "--key",
            str(ec_key_file),
            "--key-type",
            "rsa",
            "--preset",
            "user",
            "--user",
            "a",
        )

        assert ran.code == 2
        assert "use them with --new-key" in ran.err

    def test_a_key_source_is_required(self) -> None:
        """Without --key or --new-key, argparse says which is needed."""
        ran = run("new", "--preset", "user", "--user", "a")

        assert ran.code == 2
        assert "one of the arguments --key --new-key is required" in ran.err
