"""Reading and writing CSR manifests in JSON and YAML."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestList,
    DecodeError,
)
from csrmodels.manifest import ManifestError, dump, load, load_documents
from tests.conftest import v1_fixtures

EXAMPLES = Path(__file__).parent.parent / "examples"
CSR_LIST = EXAMPLES / "csr-list.yaml"
JANE = EXAMPLES / "jane-client-csr.json"

# A minimal CSR: the request is base64 of a PEM-looking text; decoding does not
# parse the request.
REQUEST_B64 = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K"
MINIMAL_YAML = f"""\
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: {{name}}
spec:
  request: {REQUEST_B64}
  signerName: example.com/signer
"""


def minimal(name: str) -> str:
    return MINIMAL_YAML.format(name=name)


class TestLoad:
    def test_kubectl_list_is_flattened(self) -> None:
        """A `kubectl get csr -o yaml` List gives its items, in order."""
        csrs = load(CSR_LIST.read_bytes())

        assert [csr.metadata.name for csr in csrs] == [
            "jane-client",
            "csr-7xk2p",
            "mallory-admin",
        ]
        assert csrs[0].status.certificate.startswith(b"-----BEGIN CERTIFICATE-----")

    def test_kubectl_json_list_is_flattened(self) -> None:
        """The same List as JSON (`kubectl get csr -o json`) gives the same CSRs."""
        csrs = load(CSR_LIST.read_text())

        assert load(dump(csrs, format="json")) == csrs

    def test_typed_list_is_flattened(self) -> None:
        """A CertificateSigningRequestList as the API server returns it is read."""
        csrs = load(CSR_LIST.read_text())
        typed = CertificateSigningRequestList(items=tuple(csrs))

        assert load(typed.to_json()) == csrs

    def test_plain_json_manifest(self) -> None:
        """A single JSON manifest gives one CSR."""
        (csr,) = load(JANE.read_bytes())

        assert csr == CertificateSigningRequest.from_json(JANE.read_bytes())

    @pytest.mark.parametrize("path", v1_fixtures(".yaml"), ids=lambda p: p.parent.name)
    def test_kubernetes_yaml_fixtures(self, path: Path) -> None:
        """Every Kubernetes v1 YAML fixture reads as its JSON twin does."""
        (csr,) = load(path.read_text())

        twin = path.with_suffix(".json")
        assert csr == CertificateSigningRequest.from_json(twin.read_bytes())

    def test_multi_document_stream(self) -> None:
        """A YAML stream gives one CSR per document, skipping empty documents."""
        text = minimal("a") + "---\n" + "---\n" + minimal("b") + "...\n"

        assert [csr.metadata.name for csr in load(text)] == ["a", "b"]

    def test_stream_mixing_lists_and_manifests(self) -> None:
        """Lists and plain manifests may follow each other in one stream."""
        text = CSR_LIST.read_text() + "---\n" + minimal("last")

        names = [csr.metadata.name for csr in load(text)]

        assert names == ["jane-client", "csr-7xk2p", "mallory-admin", "last"]

    def test_concatenated_json_objects(self) -> None:
        """JSON objects one after another (a watch log) give one CSR each."""
        one = CertificateSigningRequest.from_json(JANE.read_bytes())
        text = one.to_json() + "\n" + one.to_json(indent=2) + one.to_json()

        assert load(text) == [one, one, one]

    def test_unquoted_timestamp_stays_a_time(self) -> None:
        """An unquoted YAML timestamp decodes as the RFC 3339 time it reads as."""
        text = minimal("a").replace(
            "  name: a\n", "  name: a\n  creationTimestamp: 2024-01-31T12:00:00Z\n"
        )

        (csr,) = load(text)

        assert csr.metadata.creation_timestamp == datetime(2024, 1, 31, 12, tzinfo=UTC)

    def test_unquoted_yaml_boolean_is_refused_with_its_path(self) -> None:
        """`on` is a YAML 1.1 boolean, as in kubectl: a string field refuses it."""
        text = minimal("a") + "  usages:\n  - on\n"

        with pytest.raises(ManifestError, match=r"spec\.usages\[0\]: .*got true"):
            load(text)

    @pytest.mark.parametrize("word", ["y", "Y", "n", "N", "yes", "Off"])
    def test_go_yaml_booleans(self, word: str) -> None:
        """y, n, yes, off... are booleans, as in go-yaml v2, which kubectl uses."""
        text = minimal("a") + f"  usages:\n  - {word}\n"

        with pytest.raises(
            ManifestError, match=r"spec\.usages\[0\]: .*got (true|false)"
        ):
            load(text)

    def test_byte_order_mark_is_accepted(self) -> None:
        """A UTF-8 byte order mark at the start is ignored."""
        (csr,) = load(b"\xef\xbb\xbf" + JANE.read_bytes())

        assert csr.metadata.name == "jane-client"

    def test_flow_yaml_that_looks_like_json(self) -> None:
        """Text starting with `{` that is YAML, not JSON, is read as YAML."""
        text = "{apiVersion: certificates.k8s.io/v1, kind: CertificateSigningRequest,"
        text += f" spec: {{request: {REQUEST_B64}, signerName: a.io/b}}}}"

        (csr,) = load(text)

        assert csr.spec.signer_name == "a.io/b"

    def test_strict_refuses_unknown_fields(self) -> None:
        """strict=True refuses a field this library does not know."""
        text = minimal("a") + "  colour: blue\n"

        assert load(text)[0].spec.unknown_fields == {"colour": "blue"}
        with pytest.raises(ManifestError, match=r"spec\.colour"):
            load(text, strict=True)

    def test_format_forces_the_parser(self) -> None:
        """format="json" refuses YAML instead of guessing."""
        with pytest.raises(ManifestError, match="JSON text"):
            load(minimal("a"), format="json")

    def test_empty_input_has_no_csr(self) -> None:
        """Empty text and a comment-only stream hold no CSR."""
        assert load("") == []
        assert load("# nothing here\n---\n") == []

    def test_input_is_not_mutated(self) -> None:
        """Loading leaves the caller's bytes untouched (they are immutable)."""
        data = bytearray(JANE.read_bytes())
        before = bytes(data)

        load(bytes(data))

        assert bytes(data) == before


class TestLoadErrors:
    def test_error_names_document_and_path(self) -> None:
        """A bad field in the second document names the document and the path."""
        text = minimal("a") + "---\n" + minimal("b") + "  usages: [5]\n"

        with pytest.raises(ManifestError) as caught:
            load(text)

        assert caught.value.document == 2
        (problem,) = caught.value.problems
        assert str(problem) == "spec.usages[0]: expected a string, got 5"
        assert str(caught.value).startswith("document 2: ")

    def test_single_document_error_has_no_document_number(self) -> None:
        """With one document there is no document number to give."""
        with pytest.raises(ManifestError) as caught:
            load(minimal("a") + "  expirationSeconds: soon\n")

        assert caught.value.document is None
        assert "spec.expirationSeconds" in str(caught.value)

    def test_error_in_list_item_has_item_path(self) -> None:
        """A bad item of a List is reported as `items[i]...`."""
        data = json.loads(dump(load(CSR_LIST.read_text()), format="json"))
        data["items"][1]["spec"]["groups"] = "system:nodes"

        with pytest.raises(ManifestError, match=r"items\[1\]\.spec\.groups"):
            load(json.dumps(data))

    def test_other_kind_in_list_is_refused(self) -> None:
        """`kubectl get csr,pods -o yaml` output names the item that is not a CSR."""
        data = {
            "apiVersion": "v1",
            "kind": "List",
            "items": [{"apiVersion": "v1", "kind": "Pod", "spec": {}}],
        }

        with pytest.raises(ManifestError, match=r"items\[0\]\.apiVersion"):
            load(json.dumps(data))

    def test_v1beta1_is_refused_with_advice(self) -> None:
        """A v1beta1 manifest is refused with the reason."""
        text = minimal("a").replace("/v1\n", "/v1beta1\n")

        with pytest.raises(ManifestError, match=r"removed in Kubernetes 1\.22"):
            load(text)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("a: [\n", r"YAML text, got .* at line 2 column 1"),
            ('{"a": 1', r"JSON text, got .*line 1 column 8"),
            ("key: !!python/object:os.system x\n", "YAML text, got could not"),
            ("- just\n- a list\n", r"\(top level\): expected a JSON object"),
            ("just a string\n", r"\(top level\): expected a JSON object"),
            ("spec: {request: x}\n", "spec.request: expected a base64 string"),
        ],
    )
    def test_bad_input_is_a_manifest_error(self, text: str, message: str) -> None:
        """Syntax errors, unsafe tags and wrong shapes raise ManifestError."""
        with pytest.raises(ManifestError, match=message):
            load(text)

    def test_alias_bomb_is_refused_quickly(self) -> None:
        """Aliases nested to expand past any real manifest are refused, not walked."""
        lines = ["  a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in range(1, 30):
            refs = ", ".join([f"*a{level - 1}"] * 10)
            lines.append(f"  a{level}: &a{level} [{refs}]")
        text = minimal("a") + "\n".join(lines) + "\n"

        with pytest.raises(ManifestError, match="values once its aliases are expanded"):
            load(text)

    def test_alias_cycle_is_refused(self) -> None:
        """An alias to its own ancestor is refused."""
        with pytest.raises(ManifestError, match="alias inside the value it refers to"):
            load("spec: &s {request: x, loop: *s}\n")

    def test_shared_aliases_are_fine(self) -> None:
        """Ordinary anchors and aliases read as the values they stand for."""
        text = minimal("a") + "  usages: &u [client auth]\n  groups: *u\n"

        (csr,) = load(text)

        assert csr.spec.groups == ("client auth",)

    def test_invalid_utf8_is_refused(self) -> None:
        """Bytes that are not UTF-8 name the offset of the first bad byte."""
        with pytest.raises(
            ManifestError, match="UTF-8 text, got byte 0xff at offset 2"
        ):
            load(b"a:\xff")

    def test_manifest_error_is_a_decode_error(self) -> None:
        """ManifestError is caught by `except DecodeError` and `except ValueError`."""
        with pytest.raises(DecodeError):
            load("a: [")
        with pytest.raises(ValueError, match="YAML"):
            load("a: [")

    def test_private_key_is_never_echoed(self) -> None:
        """A private key pasted in the wrong place is withheld from the error."""
        key = "-----BEGIN PRIVATE KEY-----\\nMIGHAgEAMBMG\\n-----END PRIVATE KEY-----"
        text = minimal("a").replace(REQUEST_B64, f'"{key}"')

        with pytest.raises(ManifestError) as caught:
            load(text)

        assert "MIGHAgEAMBMG" not in str(caught.value)
        assert "withheld" in str(caught.value)

    def test_bad_format_argument(self) -> None:
        """An unknown format is a ValueError naming it."""
        with pytest.raises(ValueError, match="'toml'"):
            load_documents("", format="toml")  # type: ignore[arg-type]


class TestLoadDocuments:
    def test_documents_are_plain_values(self) -> None:
        """Documents come back undecoded, empty ones as None."""
        documents = load_documents("a: 1\n---\n---\n- x\n")

        assert documents == [{"a": 1}, None, ["x"]]

    def test_yaml_is_not_imported_for_json(self) -> None:
        """JSON input is parsed without PyYAML (checked in a fresh interpreter)."""
        import subprocess

        code = (
            "import sys, csrmodels, csrmodels.manifest as m;"
            "assert 'yaml' not in sys.modules;"
            "m.load_documents('{\"a\": 1}');"
            "assert 'yaml' not in sys.modules"
        )
        src = str(Path(__file__).parent.parent / "src")
        subprocess.run(
            [sys.executable, "-c", code], check=True, env={"PYTHONPATH": src}
        )


class TestDump:
    def test_yaml_looks_like_kubectl(self) -> None:
        """YAML is block style, apiVersion first, base64 on one line, quoted scalars."""
        (csr,) = load(JANE.read_bytes())

        text = dump(csr)

        lines = text.splitlines()
        assert lines[:2] == [
            "apiVersion: certificates.k8s.io/v1",
            "kind: CertificateSigningRequest",
        ]
        assert '  creationTimestamp: "2026-11-30T09:15:00Z"' in lines
        assert any(line.startswith("  request: LS0t") for line in lines)
        assert "  - digital signature" in lines
        assert text.endswith("status: {}\n")

    def test_yaml_quotes_strings_that_would_change_type(self) -> None:
        """Strings such as "on", "True" and "123" are double-quoted, as kubectl does."""
        text = minimal("a") + '  usages: ["on", "True", "123", "y", "N", "plain"]\n'

        dumped = dump(load(text)[0])

        assert '- "y"\n' in dumped
        assert '- "N"\n' in dumped
        assert '- "on"\n' in dumped
        assert '- "True"\n' in dumped
        assert '- "123"\n' in dumped
        assert "- plain\n" in dumped
        assert load(dumped) == load(text)

    def test_multi_line_text_is_a_literal_block(self) -> None:
        """A message with newlines is written as a `|` block and reads back."""
        data = json.loads(JANE.read_text())
        data["status"] = {
            "conditions": [
                {"type": "Failed", "status": "True", "message": "line one\nline two"}
            ]
        }
        csr = CertificateSigningRequest.from_dict(data)

        text = dump(csr)

        assert "message: |-\n      line one\n      line two\n" in text
        assert load(text) == [csr]

    def test_several_csrs_make_a_kubectl_list(self) -> None:
        """A sequence of CSRs is written as the generic List kubectl prints."""
        csrs = load(CSR_LIST.read_text())

        data = json.loads(dump(csrs, format="json"))

        assert (data["apiVersion"], data["kind"]) == ("v1", "List")
        assert [item["kind"] for item in data["items"]] == [
            "CertificateSigningRequest"
        ] * 3

    def test_round_trip_through_both_formats(self) -> None:
        """Dumping then loading gives the same CSRs, in YAML and in JSON."""
        csrs = load(CSR_LIST.read_text())

        assert load(dump(csrs)) == csrs
        assert load(dump(csrs, format="json")) == csrs

    def test_example_file_is_what_dump_writes(self) -> None:
        """The bundled example is exactly dump()'s output: the format is stable."""
        text = CSR_LIST.read_text()

        assert dump(load(text)) == text

    def test_json_is_indented_and_escapes_like_go(self) -> None:
        """JSON is indented by 4 and escapes <, > and & as Go does."""
        (csr,) = load(minimal("a") + '  usages: ["a<b>&c"]\n')

        text = dump(csr, format="json")

        assert '\n    "kind": "CertificateSigningRequest"' in text
        assert "a\\u003cb\\u003e\\u0026c" in text
        assert load(text) == [csr]

    def test_non_csr_in_sequence_is_a_type_error(self) -> None:
        """Only CSRs may be dumped as a List."""
        with pytest.raises(TypeError, match=r"objects\[0\] must be a Cert"):
            dump(["not a csr"])  # type: ignore[list-item]

    def test_bad_format_argument(self) -> None:
        """An unknown format is a ValueError naming it."""
        (csr,) = load(JANE.read_bytes())
        with pytest.raises(ValueError, match="'xml'"):
            dump(csr, format="xml")  # type: ignore[arg-type]
