"""`csrmodels inspect`: the kubectl table, the wide and detail views, machine output."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from csrmodels.manifest import dump, load
from tests.cli import CSR_LIST, JANE, NOW, make_ca, run

# A certificate block from the example List, to put before a request.
ISSUED_CERTIFICATE = load(CSR_LIST.read_text())[0].status.certificate


def jane_yaml(**metadata: str) -> str:
    """The bundled jane-client example as YAML, with metadata replaced."""
    text = dump(load(JANE.read_bytes())[0])
    for key, value in metadata.items():
        text = text.replace("  name: jane-client\n", f"  {key}: {value}\n")
    return text


class TestInspectTable:
    def test_columns_match_kubectl_get_csr(self) -> None:
        """The default view is `kubectl get csr`: same columns, same cell rules."""
        ran = run("inspect", str(CSR_LIST), "--now", NOW)

        assert ran.code == 0
        assert ran.err == ""
        assert ran.out == (
            "NAME            AGE    SIGNERNAME                            "
            "REQUESTOR              REQUESTEDDURATION   CONDITION\n"
            "jane-client     2d7h   kubernetes.io/kube-apiserver-client   "
            "kubernetes-admin       90d                 Approved,Issued\n"
            "csr-7xk2p       17m    kubernetes.io/kubelet-serving         "
            "system:node:worker-1   <none>              Pending\n"
            "mallory-admin   5d2h   kubernetes.io/kube-apiserver-client   "
            "mallory                24h                 Denied\n"
        )

    def test_reads_stdin_by_default_and_for_dash(self) -> None:
        """With no FILE or with `-`, the manifest is read from stdin."""
        text = CSR_LIST.read_text()

        assert run("inspect", "--now", NOW, stdin=text).out == (
            run("inspect", "-", "--now", NOW, stdin=text).out
        )
        assert "jane-client" in run("inspect", "-", "--now", NOW, stdin=text).out

    def test_failed_condition_and_unknown_age(self) -> None:
        """Failed joins the condition; no creationTimestamp shows <unknown>."""
        data = json.loads(JANE.read_text())
        del data["metadata"]["creationTimestamp"]
        data["status"] = {
            "conditions": [
                {"type": "Approved", "status": "True"},
                {"type": "Failed", "status": "True"},
            ]
        }

        ran = run("inspect", "-", stdin=json.dumps(data))

        row = ran.out.splitlines()[1].split()
        assert row[1] == "<unknown>"
        assert row[-1] == "Approved,Failed"

    def test_unnamed_csr_shows_its_generate_name(self) -> None:
        """A manifest with generateName only is shown as `prefix*`."""
        ran = run("inspect", "-", stdin=jane_yaml(generateName="csr-"))

        assert ran.out.splitlines()[1].startswith("csr-*   ")

    def test_empty_input_says_no_resources(self) -> None:
        """An empty List prints kubectl's message on stderr and succeeds."""
        ran = run("inspect", "-", stdin="apiVersion: v1\nkind: List\nitems: []\n")

        assert (ran.code, ran.out, ran.err) == (0, "", "No resources found\n")

    def test_bad_now_is_a_usage_error(self) -> None:
        """--now must be an RFC 3339 time."""
        ran = run("inspect", str(JANE), "--now", "yesterday")

        assert ran.code == 2
        assert ran.err.startswith("csrmodels: --now: not an RFC 3339 time")


class TestAgeColumn:
    @pytest.mark.parametrize(
        ("age_seconds", "shown"),
        [
            (-1, "0s"),
            (-5, "<invalid>"),
            (0, "0s"),
            (119, "119s"),
            (120, "2m"),
            (330, "5m30s"),
            (599, "9m59s"),
            (600, "10m"),
            (179 * 60, "179m"),
            (3 * 3600 + 5 * 60, "3h5m"),
            (8 * 3600 + 59 * 60, "8h"),
            (47 * 3600, "47h"),
            (48 * 3600, "2d"),
            (7 * 86400 + 23 * 3600, "7d23h"),
            (8 * 86400, "8d"),
            (729 * 86400, "729d"),
            (730 * 86400, "2y"),
            (731 * 86400, "2y1d"),
            (8 * 365 * 86400 + 86400, "8y"),
        ],
    )
    def test_age_as_kubectl_prints_it(self, age_seconds: int, shown: str) -> None:
        """AGE follows apimachinery's HumanDuration, as kubectl prints it."""
        now = datetime(2026, 11, 30, 9, 15, tzinfo=UTC) + timedelta(seconds=age_seconds)

        ran = run("inspect", str(JANE), "--now", now.strftime("%Y-%m-%dT%H:%M:%SZ"))

        assert ran.out.splitlines()[1].split()[1] == shown

    @pytest.mark.parametrize(
        ("seconds", "shown"), [(600, "10m"), (3600, "60m"), (86400, "24h")]
    )
    def test_requested_duration(self, seconds: int, shown: str) -> None:
        """REQUESTEDDURATION is expirationSeconds in the same short form."""
        data = json.loads(JANE.read_text())
        data["spec"]["expirationSeconds"] = seconds

        ran = run("inspect", "-", stdin=json.dumps(data))

        assert ran.out.splitlines()[1].split()[4] == shown


class TestInspectWide:
    def test_wide_adds_subject_sans_key_and_time_left(self) -> None:
        """-o wide adds the request's subject, SANs, key and the certificate."""
        ran = run("inspect", str(CSR_LIST), "-o", "wide", "--now", NOW)

        header, jane, node, mallory = (line.split() for line in ran.out.splitlines())
        assert header[6:] == ["SUBJECT", "SANS", "KEY", "CERTIFICATE", "PROBLEMS"]
        assert jane[6:] == [
            "CN=jane,O=developers",
            "<none>",
            *("ECDSA", "P-256"),
            *("87d", "left"),
            "0",
        ]
        assert node[6:9] == [
            "CN=system:node:worker-1,O=system:nodes",
            "DNS:worker-1,DNS:worker-1.cluster.internal,IP:10.0.0.11",
            "RSA",
        ]
        assert mallory[-3:] == ["Ed25519", "<none>", "0"]

    def test_expired_certificate(self) -> None:
        """A certificate past its notAfter shows how long ago it expired."""
        ran = run(
            "inspect", str(CSR_LIST), "-o", "wide", "--now", "2027-03-04T09:11:03Z"
        )

        assert "expired 3d ago" in ran.out.splitlines()[1]

    def test_unparsable_request(self) -> None:
        """A request that is not a PEM CSR shows <invalid>, not a traceback."""
        data = json.loads(JANE.read_text())
        data["spec"]["request"] = "bm90IGEgcmVxdWVzdA=="  # "not a request"

        ran = run("inspect", "-o", "wide", "-", stdin=json.dumps(data))

        assert ran.code == 0
        assert ran.out.splitlines()[1].split()[6:] == [
            *(["<invalid>"] * 3),
            "<none>",
            "1",
        ]

    @pytest.mark.parametrize(
        "pem",
        [
            pytest.param(
                lambda request: ISSUED_CERTIFICATE + request, id="leading block"
            ),
            pytest.param(
                lambda request: request.replace(b" CERTIFICATE ", b" NEW CERTIFICATE "),
                id="NEW CERTIFICATE REQUEST",
            ),
        ],
    )
    def test_request_read_as_the_api_server_reads_it(
        self, pem: Callable[[bytes], bytes]
    ) -> None:
        """Only the first PEM block counts, and it must be a CERTIFICATE REQUEST."""
        data = json.loads(JANE.read_text())
        request = base64.b64decode(data["spec"]["request"])
        data["spec"]["request"] = base64.b64encode(pem(request)).decode()

        ran = run("inspect", "-o", "detail", "-", stdin=json.dumps(data))

        assert ran.code == 0
        assert "Request:            <invalid: not a PEM certificate request>" in (
            ran.out.splitlines()
        )
        assert "PEM block type must be CERTIFICATE REQUEST" in ran.out

    def test_unknown_key_algorithm(self) -> None:
        """A request key cryptography cannot load is named by its OID."""
        data = json.loads(JANE.read_text())
        request = x509.load_pem_x509_csr(base64.b64decode(data["spec"]["request"]))
        der = request.public_bytes(serialization.Encoding.DER)
        # id-ecPublicKey (1.2.840.10045.2.1) becomes 1.2.840.10045.2.9.
        der = der.replace(
            bytes.fromhex("2a8648ce3d0201"), bytes.fromhex("2a8648ce3d0209")
        )
        pem = (
            b"-----BEGIN CERTIFICATE REQUEST-----\n"
            + base64.encodebytes(der)
            + b"-----END CERTIFICATE REQUEST-----\n"
        )
        data["spec"]["request"] = base64.b64encode(pem).decode()

        ran = run("inspect", "-o", "wide", "-", stdin=json.dumps(data))

        assert ran.code == 0, ran.err
        assert "unknown (1.2.840.10045.2.9)" in ran.out


class TestInspectDetail:
    def test_detail_block(self) -> None:
        """-o detail prints one labelled block per CSR."""
        ran = run("inspect", str(CSR_LIST), "-o", "detail", "--now", NOW)

        first = ran.out.split("\n\n")[0].splitlines()
        assert first[0] == f"Source:             {CSR_LIST}: items[0]"
        assert "Subject:            CN=jane,O=developers" in first
        assert "  Issuer:           CN=kubernetes" in first
        assert "  Not after:        2027-03-01T09:11:03Z" in first
        assert "  Validity:         87d left" in first
        assert any(line.startswith("  Approved:") for line in first)
        assert ran.out.count("Source:") == 3

    def test_detail_shows_a_lifetime_shorter_than_requested(
        self, tmp_path: Path
    ) -> None:
        """A signer that issued less than expirationSeconds asked shows both."""
        ca = make_ca(tmp_path)
        approved = run("approve", str(JANE)).out
        signed = run(
            *("sign", "-", "--ca-cert", str(ca.cert_path)),
            *("--ca-key", str(ca.key_path), "--max-duration", "12h"),
            stdin=approved,
        ).out

        detail = run("inspect", "-o", "detail", "-", stdin=signed)
        record = json.loads(run("inspect", "-o", "json", "-", stdin=signed).out)[0]

        assert "  Lifetime:         12h (24h requested)" in detail.out.splitlines()
        assert record["certificate"]["lifetimeSeconds"] == 12 * 3600

    def test_detail_of_pending_request(self) -> None:
        """A pending CSR shows its SANs and no certificate."""
        ran = run("inspect", str(CSR_LIST), "-o", "detail", "--now", NOW)

        second = ran.out.split("\n\n")[1].splitlines()
        assert "Key:                RSA 2048" in second
        assert "Certificate:        <none>" in second
        assert any("IP:10.0.0.11" in line for line in second)


class TestInspectMachineOutput:
    @pytest.mark.parametrize("output", ["json", "yaml"])
    def test_records(self, output: str) -> None:
        """-o json and -o yaml give the same records for programs."""
        ran = run("inspect", str(CSR_LIST), "-o", output, "--now", NOW)

        records = json.loads(ran.out) if output == "json" else yaml.safe_load(ran.out)
        assert [record["name"] for record in records] == [
            "jane-client",
            "csr-7xk2p",
            "mallory-admin",
        ]
        jane = records[0]
        assert jane["condition"] == "Approved,Issued"
        assert jane["expirationSeconds"] == 90 * 86400
        assert jane["request"] == {
            "subject": "CN=jane,O=developers",
            "sans": [],
            "key": "ECDSA P-256",
            "signatureValid": True,
        }
        assert jane["certificate"]["notAfter"] == "2027-03-01T09:11:03Z"
        assert jane["certificate"]["secondsLeft"] > 0
        assert records[1]["certificate"] is None
        assert all(record["problems"] == [] for record in records)
