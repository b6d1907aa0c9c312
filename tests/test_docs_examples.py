"""
Every Python example in the documentation runs, so that none can rot.

Each ```python fence of `README.md` and `docs/**/*.md` is executed; the fences of
one page run in order in one namespace, as a reader would paste them. A fence
whose previous line is `<!-- docs-test: skip -->` is left out; the marker is an
HTML comment, so it neither shows nor changes highlighting in the built site.
Python under any other fence name (```py, ```pycon) would not run, so the
pages may not use one. A ```text fence right after a fence shows what it
prints, and must match it.

The examples are written as a user writes them: the lightkube examples call
`Client()` and the `kubernetes` ones `config.new_client_from_config()`, which
read the default kubeconfig; the signer examples read `ca.crt` and `ca.key` from
the working directory. For each page the test provides exactly that, and nothing
else:

- a kubeconfig (cluster, user with a token, context) pointing at the test API
  server of `tests/apiserver` on a loopback port, made the default through
  `KUBECONFIG` for lightkube and through `KUBE_CONFIG_DEFAULT_LOCATION` for the
  `kubernetes` client (which reads `KUBECONFIG` once, when it is imported);
- proxy variables removed, and lightkube's in-cluster configuration disabled,
  so that an example can never reach anything but that server, even on a CI
  machine that runs inside a pod;
- a fresh temporary working directory holding a test CA as `ca.crt` and `ca.key`.

The command's page also shows runs on the bundled `examples/` files; those run
too, and must print what the page shows below them.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from kubernetes.client import ApiClient
from kubernetes.config import kube_config
from lightkube import Client
from lightkube.config.kubeconfig import KubeConfig
from lightkube.core.exceptions import ConfigError

from tests.apiserver import ApiServer
from tests.cli import run
from tests.pki import TestCA

ROOT = Path(__file__).parent.parent
SKIP_MARKER = "<!-- docs-test: skip -->"
_FENCE = re.compile(r"^```python\s*$")
_OTHER_PYTHON_FENCE = re.compile(r"^```\s*(py|python3|pycon|ipython|py3)\b")
_TEXT_FENCE = re.compile(r"^```text\s*$")
# Console examples on the bundled files give the same output on every machine.
_BUNDLED_RUN = re.compile(r"^\$ csrmodels (inspect examples/.*)$")
_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


@dataclass(frozen=True)
class Example:
    """One ```python fence: where it starts, its code, and the output shown."""

    path: Path
    line: int
    code: str
    output: str | None


def _shown_output(lines: list[str], index: int) -> str | None:
    """The ```text fence right after line `index` (blank lines between), if any."""
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index == len(lines) or not _TEXT_FENCE.match(lines[index]):
        return None

    end = index + 1
    while end < len(lines) and lines[end].strip() != "```":
        end += 1
    return "".join(f"{line}\n" for line in lines[index + 1 : end])


def examples(path: Path) -> list[Example]:
    """The runnable Python fences of a Markdown file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    index = 0
    while index < len(lines):
        if _FENCE.match(lines[index]):
            start = index + 1
            end = start
            while end < len(lines) and lines[end].strip() != "```":
                end += 1
            skipped = index > 0 and lines[index - 1].strip() == SKIP_MARKER
            if not skipped:
                # Blank lines in front keep line numbers those of the page.
                code = "\n" * start + "\n".join(lines[start:end])
                output = _shown_output(lines, end + 1)
                found.append(Example(path, start + 1, code, output))
            index = end
        index += 1
    return found


@dataclass(frozen=True)
class ConsoleRun:
    """A `$ csrmodels ...` line of a ```console fence and the output shown."""

    line: int
    argv: list[str]
    shown: str


def console_runs(path: Path) -> list[ConsoleRun]:
    """The runs of the command on bundled files, with the output below each."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for index, line in enumerate(lines):
        command = _BUNDLED_RUN.match(line)
        if command is None:
            continue
        end = index + 1
        while not lines[end].startswith(("$ ", "```")):
            end += 1
        shown = "".join(f"{text}\n" for text in lines[index + 1 : end])
        found.append(ConsoleRun(index + 1, command.group(1).split(), shown))
    return found


def _all_pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def _pages() -> list[Path]:
    return [page for page in _all_pages() if examples(page)]


def _close_clients(namespace: dict[str, object]) -> None:
    """Close the clients a page leaves open, as the end of a script would."""
    for value in namespace.values():
        if isinstance(value, Client | ApiClient):
            value.close()
        elif isinstance(getattr(value, "api_client", None), ApiClient):
            value.api_client.close()  # type: ignore[attr-defined]


def _page_id(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.fixture
def reader_environment(
    api_server: ApiServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A working directory and default kubeconfig as described above."""
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text(
        "apiVersion: v1\n"
        "kind: Config\n"
        "clusters:\n"
        f"- name: test\n  cluster:\n    server: {api_server.url}\n"
        "users:\n"
        "- name: test\n  user:\n    token: docs-test-token\n"
        "contexts:\n"
        "- name: test\n  context:\n    cluster: test\n    user: test\n"
        "current-context: test\n"
    )
    monkeypatch.setenv("KUBECONFIG", str(kubeconfig))
    monkeypatch.setattr(kube_config, "KUBE_CONFIG_DEFAULT_LOCATION", str(kubeconfig))

    def not_in_a_pod(*args: object, **kwargs: object) -> KubeConfig:
        raise ConfigError("the documentation examples run outside a pod")

    monkeypatch.setattr(KubeConfig, "from_service_account", not_in_a_pod)
    for variable in _PROXY_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
        monkeypatch.delenv(variable.lower(), raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")

    workdir = tmp_path / "work"
    workdir.mkdir()
    ca = TestCA("example CA")
    (workdir / "ca.crt").write_bytes(ca.certificate_pem)
    (workdir / "ca.key").write_bytes(
        ca.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    monkeypatch.chdir(workdir)
    return workdir


class TestDocumentationExamples:
    """The examples of each page run without error against the test cluster."""

    @pytest.mark.parametrize("page", _pages(), ids=_page_id)
    def test_page_examples_run(self, page: Path, reader_environment: Path) -> None:
        """Every fence of the page runs, in order, in one namespace."""
        namespace: dict[str, object] = {"__name__": "__docs__"}

        try:
            for example in examples(page):
                printed = io.StringIO()
                with contextlib.redirect_stdout(printed):
                    exec(compile(example.code, _page_id(page), "exec"), namespace)
                if example.output is not None:
                    where = f"{_page_id(page)}:{example.line}"
                    assert printed.getvalue() == example.output, where
        finally:
            _close_clients(namespace)

    @pytest.mark.parametrize("page", _all_pages(), ids=_page_id)
    def test_no_python_under_another_fence_name(self, page: Path) -> None:
        """Python is fenced as ```python, so that no example escapes the runner."""
        lines = page.read_text(encoding="utf-8").splitlines()

        hidden = [
            n + 1 for n, line in enumerate(lines) if _OTHER_PYTHON_FENCE.match(line)
        ]

        assert hidden == []


class TestExampleCollection:
    """The collector finds the examples, and honours the skip marker."""

    def test_pages_with_examples_are_found(self) -> None:
        """The how-to pages are among the pages whose examples run."""
        pages = {_page_id(page) for page in _pages()}

        assert {"docs/index.md", "docs/howto/approve-deny.md"} <= pages

    def test_skip_marker_leaves_a_fence_out(self, tmp_path: Path) -> None:
        """Only fences right after the marker are skipped."""
        page = tmp_path / "page.md"
        page.write_text(
            "```python\nx = 1\n```\n\n"
            f"{SKIP_MARKER}\n```python\nraise SystemExit\n```\n"
            "```console\n$ ls\n```\n```python\ny = 2\n```\n"
        )

        found = examples(page)

        assert [(e.line, e.code.lstrip("\n")) for e in found] == [
            (2, "x = 1"),
            (13, "y = 2"),
        ]

    def test_text_fence_after_an_example_is_its_output(self, tmp_path: Path) -> None:
        """A ```text fence right after an example is what it should print."""
        page = tmp_path / "page.md"
        page.write_text(
            "```python\nprint(1)\n```\n\n```text\n1\n```\n\n"
            "```python\nx = 2\n```\nSome prose.\n\n```text\n2\n```\n"
        )

        found = examples(page)

        assert [e.output for e in found] == ["1\n", None]


class TestCommandExamples:
    """The command's examples on the bundled files print what the page shows."""

    def test_cli_page_has_runs(self) -> None:
        """The command's page keeps runs on the bundled files."""
        assert len(console_runs(ROOT / "docs" / "cli.md")) >= 2

    @pytest.mark.parametrize(
        "example",
        console_runs(ROOT / "docs" / "cli.md"),
        ids=lambda example: f"line {example.line}",
    )
    def test_run_prints_what_is_shown(
        self, example: ConsoleRun, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The output matches; a shown output ending in `...` is a prefix."""
        monkeypatch.chdir(ROOT)

        ran = run(*example.argv)

        assert ran.code == 0
        if example.shown.endswith("...\n"):
            assert ran.out.startswith(example.shown.removesuffix("...\n"))
        else:
            assert ran.out == example.shown
