"""`csrmodels cert`: the issued certificate chain as PEM."""

from __future__ import annotations

import base64
import json

from cryptography import x509

from csrmodels.manifest import dump, load
from tests.cli import CSR_LIST, JANE, run


class TestCert:
    def test_prints_the_issued_chain(self) -> None:
        """The issued certificate comes out as PEM that cryptography reads."""
        jane = load(CSR_LIST.read_text())[0]

        ran = run("cert", "-", stdin=dump(jane))

        assert ran.code == 0
        (certificate,) = x509.load_pem_x509_certificates(ran.out.encode())
        assert certificate.subject.rfc4514_string() == "O=developers,CN=jane"
        assert ran.out.encode() == jane.status.certificate

    def test_explanatory_text_is_left_out(self) -> None:
        """Text around the PEM blocks (allowed by RFC 7468) is not copied."""
        jane = load(CSR_LIST.read_text())[0]
        data = json.loads(dump(jane, format="json"))
        chain = b"issued by the example CA\n" + jane.status.certificate * 2
        data["status"]["certificate"] = base64.b64encode(chain).decode()

        ran = run("cert", "-", stdin=json.dumps(data))

        assert ran.code == 0
        assert ran.out.encode() == jane.status.certificate * 2

    def test_pending_csr_is_refused(self) -> None:
        """A CSR without a certificate exits 1 and says what state it is in."""
        ran = run("cert", str(JANE))

        assert ran.code == 1
        assert ran.out == ""
        assert ran.err == (
            f"csrmodels: {JANE}: jane-client: no certificate issued (Pending)\n"
        )

    def test_list_with_a_denied_csr_is_refused(self) -> None:
        """All or nothing: one CSR without a certificate refuses the whole List."""
        ran = run("cert", str(CSR_LIST))

        assert ran.code == 1
        assert ran.out == ""
        assert "items[1]: csr-7xk2p: no certificate issued (Pending)" in ran.err

    def test_corrupt_certificate_is_refused(self) -> None:
        """A status.certificate that is not PEM certificates exits 1."""
        data = json.loads(JANE.read_text())
        data["status"] = {"certificate": "bm90IGEgY2VydGlmaWNhdGU="}

        ran = run("cert", "-", stdin=json.dumps(data))

        assert ran.code == 1
        assert ran.err.endswith("status.certificate: not a PEM certificate chain\n")
