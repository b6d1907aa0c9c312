"""The `csrmodels` command as a whole: usage, exit codes, errors, `python -m`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from csrmodels._cli import main
from tests.cli import CSR_LIST, JANE, NOW, make_ca, run

SRC = Path(__file__).parent.parent / "src"

# Bad input of every kind: each must give exit code 2 and one line per problem.
_CSR_HEAD = b"apiVersion: certificates.k8s.io/v1\nkind: CertificateSigningRequest\n"
_KEY = b"-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n"
_NO_NUMBER = b'{"spec": {"request": "", "signerName": "a", "expirationSeconds": %s}}'
GARBAGE: dict[str, bytes] = {
    "binary": b"\x00\x01\x02\xff\xfe",
    "not utf-8": b"kind: \xe9t\xe9\n",
    "yaml syntax": b"metadata: [\n",
    "json syntax": b'{"spec": {"request": ',
    "unsafe yaml tag": b"!!python/object/apply:os.system ['true']\n",
    "scalar": b"hello\n",
    "list": b"- a\n- b\n",
    "wrong kind": b"apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n",
    "v1beta1": _CSR_HEAD.replace(b"/v1\n", b"/v1beta1\n"),
    "missing spec": _CSR_HEAD,
    "bad base64": b"spec: {request: '***', signerName: a.io/b}\n",
    "wrong types": b"spec: {request: 5, signerName: [], usages: {}}\n",
    "non-string keys": b"spec: {1: 2, request: '', signerName: x}\n",
    "deep nesting": b"[" * 100_000,
    "huge number": _NO_NUMBER % b"1e999",
    "nan": _NO_NUMBER % b"NaN",
    "bad timestamp": b"metadata: {creationTimestamp: 2024-13-45T99:00:00Z}\nspec: {}\n",
    "alias bomb": b"spec:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + b"".join(
        b"  a%d: &a%d [%s]\n"
        % (i, i, b", ".join([b"*a" if i == 1 else b"*a%d" % (i - 1)] * 10))
        for i in range(1, 12)
    ),
    "alias cycle": b"spec: &s {request: x, loop: *s}\n",
    "items not a list": b"apiVersion: v1\nkind: List\nitems: 5\n",
    "private key": _KEY,
    "private key in field": (
        b"spec:\n  request: |\n    -----BEGIN EC PRIVATE KEY-----\n"
        b"    MHcCAQEEIBSECRET\n    -----END EC PRIVATE KEY-----\n"
        b"  signerName: a.io/b\n"
    ),
}
COMMANDS = (
    ["inspect"],
    ["inspect", "-o", "wide"],
    ["validate"],
    ["approve"],
    ["deny"],
    ["sign", "--ca-cert", "{ca_cert}", "--ca-key", "{ca_key}"],
    ["cert"],
)


class TestUsage:
    def test_no_command_is_a_usage_error(self) -> None:
        """Without a command, the usage is printed and the exit code is 2."""
        ran = run()

        assert ran.code == 2
        assert "usage: csrmodels" in ran.err
        assert "required: COMMAND" in ran.err

    def test_unknown_command(self) -> None:
        """An unknown command is a usage error."""
        ran = run("approuve", str(JANE))

        assert ran.code == 2
        assert "invalid choice: 'approuve'" in ran.err

    def test_unknown_option(self) -> None:
        """An unknown option is a usage error naming it."""
        ran = run("inspect", "--colour", str(JANE))

        assert ran.code == 2
        assert "--colour" in ran.err

    def test_help_succeeds(self) -> None:
        """--help lists the commands and the exit codes, and exits 0."""
        ran = run("--help")

        assert ran.code == 0
        for command in (
            "inspect",
            "validate",
            "new",
            "approve",
            "deny",
            "sign",
            "cert",
        ):
            assert command in ran.out
        assert "exit codes: 0 done, 1 invalid or refused, 2 bad usage" in ran.out

    def test_version(self) -> None:
        """--version prints the name and exits 0."""
        ran = run("--version")

        assert ran.code == 0
        assert ran.out.startswith("csrmodels ")


class TestStdin:
    def test_terminal_stdin_without_file_is_refused(self) -> None:
        """No FILE and a terminal on stdin: the command says so instead of waiting."""
        for command in (["inspect"], ["validate"], ["approve"], ["cert"]):
            ran = run(*command, terminal=True)

            assert ran.code == 2
            assert ran.err == (
                "csrmodels: no FILE given and stdin is a terminal: name a manifest, "
                "or pipe one in (kubectl get csr -o yaml | csrmodels ...)\n"
            )

    @pytest.mark.parametrize(
        ("command", "subject"),
        [
            (["inspect"], "<stdin>"),
            (["validate", "-"], "<stdin>"),
            (["new", "--key", "-", "--preset", "user", "--user", "a"], "--key <stdin>"),
        ],
    )
    def test_closed_stdin_is_an_unreadable_input(
        self, command: list[str], subject: str
    ) -> None:
        """With stdin closed, reading it is one `cannot read` line, exit 2."""
        ran = run(*command, stdin=None)

        assert ran.code == 2
        assert ran.err == f"csrmodels: {subject}: cannot read: stdin is closed\n"

    def test_dash_reads_even_a_terminal(self) -> None:
        """An explicit - reads stdin, terminal or not."""
        ran = run("inspect", "-", stdin=JANE.read_bytes(), terminal=True)

        assert ran.code == 0
        assert "jane-client" in ran.out


class TestUnreadableInput:
    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is one line naming it, exit code 2."""
        missing = tmp_path / "nope.yaml"

        ran = run("inspect", str(missing))

        assert ran.code == 2
        assert (
            ran.err == f"csrmodels: {missing}: cannot read: No such file or directory\n"
        )

    def test_directory(self, tmp_path: Path) -> None:
        """A directory is not a manifest."""
        ran = run("inspect", str(tmp_path))

        assert ran.code == 2
        assert ran.err.startswith(f"csrmodels: {tmp_path}: cannot read: ")

    def test_error_names_file_document_and_path(self, tmp_path: Path) -> None:
        """A bad field is reported as file: document: path: problem."""
        second = JANE.read_text().replace('"client auth"', "5")
        manifest = tmp_path / "csrs.json"
        manifest.write_text(JANE.read_text() + second)

        ran = run("inspect", str(manifest))

        assert ran.code == 2
        assert ran.err == (
            f"csrmodels: {manifest}: document 2: spec.usages[1]: "
            "expected a string, got 5\n"
        )

    def test_every_problem_gets_a_line(self) -> None:
        """Several problems in one document give one line each."""
        ran = run("inspect", "-", stdin=GARBAGE["wrong types"])

        assert ran.code == 2
        lines = ran.err.splitlines()
        assert [line.split(": ")[2] for line in lines] == [
            "spec.request",
            "spec.signerName",
            "spec.usages",
        ]

    @pytest.mark.parametrize("command", COMMANDS[:4], ids=" ".join)
    def test_pem_file_instead_of_a_manifest(self, command: list[str]) -> None:
        """A key, request or certificate file is named by its PEM type, not echoed."""
        ran = run(*command, "-", stdin=b"\n" + _KEY)

        assert ran.code == 2
        assert ran.err == (
            "csrmodels: <stdin>: a PEM PRIVATE KEY, not a CSR manifest (JSON or YAML)\n"
        )

    def test_problem_lines_are_capped(self) -> None:
        """A List of many broken items shows the first 20 problems and a count."""
        broken = {"apiVersion": "v1", "kind": "List", "items": [{}] * 30}

        ran = run("inspect", "-", stdin=json.dumps(broken))

        assert ran.code == 2
        lines = ran.err.splitlines()
        assert len(lines) == 21
        assert lines[0].startswith("csrmodels: <stdin>: items[0].spec: ")
        assert lines[-1] == "csrmodels: <stdin>: ... and 10 more problems"

    @pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
    @pytest.mark.parametrize("kind", GARBAGE)
    def test_garbage_never_gives_a_traceback(
        self, kind: str, command: list[str], tmp_path: Path
    ) -> None:
        """Bad input of every kind: exit 2, `csrmodels: <stdin>: ...` lines only."""
        ca = make_ca(tmp_path)
        argv = [
            part.format(ca_cert=ca.cert_path, ca_key=ca.key_path) for part in command
        ]

        ran = run(*argv, "-", stdin=GARBAGE[kind])

        assert ran.code == 2, ran.err
        assert ran.out == ""
        assert "Traceback" not in ran.err
        for line in ran.err.splitlines():
            assert line.startswith("csrmodels: <stdin>: ")
        assert "SECRET" not in ran.err
        assert "MIGHAgEA" not in ran.err


class TestEntryPoint:
    def test_console_script_is_main(self) -> None:
        """The `csrmodels` script of pyproject.toml is the command tested here."""
        import importlib
        import tomllib

        pyproject = tomllib.loads((SRC.parent / "pyproject.toml").read_text())
        target = pyproject["project"]["scripts"]["csrmodels"]
        module_name, _, attribute = target.partition(":")

        entry = getattr(importlib.import_module(module_name), attribute)

        assert entry is main


class TestPythonDashM:
    def _run(
        self, *argv: str, stdin: bytes = b""
    ) -> subprocess.CompletedProcess[bytes]:
        env = dict(os.environ, PYTHONPATH=str(SRC))
        return subprocess.run(
            [sys.executable, "-m", "csrmodels", *argv],
            input=stdin,
            capture_output=True,
            env=env,
            check=False,
        )

    def test_inspect_a_file(self) -> None:
        """`python -m csrmodels inspect FILE` prints the table."""
        done = self._run("inspect", str(CSR_LIST), "--now", NOW)

        assert done.returncode == 0
        assert done.stdout.decode().splitlines()[1].startswith("jane-client ")

    def test_stdin_pipe(self) -> None:
        """The command reads a pipe on stdin, as after `kubectl get csr -o json |`."""
        done = self._run("inspect", "-", stdin=JANE.read_bytes())

        assert done.returncode == 0
        assert b"jane-client" in done.stdout

    def test_bad_input_exit_code_and_no_traceback(self) -> None:
        """The process exits 2 with one line on stderr."""
        done = self._run("inspect", "-", stdin=b"kind: [")

        assert done.returncode == 2
        assert done.stderr.decode().count("\n") == 1
        assert b"Traceback" not in done.stderr

    def test_broken_pipe_is_quiet(self) -> None:
        """A reader that goes away early (`| head -c 10`) causes no traceback."""
        env = dict(os.environ, PYTHONPATH=str(SRC))
        stream = (CSR_LIST.read_bytes() + b"---\n") * 300
        command = f"{sys.executable} -m csrmodels inspect -o yaml - | head -c 10"

        done = subprocess.run(
            ["sh", "-c", command],
            input=stream,
            capture_output=True,
            env=env,
            check=True,
        )

        assert done.stdout == b"- name: ja"
        assert done.stderr == b""
