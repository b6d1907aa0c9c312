"""The examples of the x509 and signer pages run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).parents[1] / "docs"
PAGES = ("x509.md", "signer.md")
EXAMPLES = [
    pytest.param(code, id=f"{page}-{index}")
    for page in PAGES
    for index, code in enumerate(
        re.findall(r"```python\n(.*?)```", (DOCS / page).read_text(), re.DOTALL)
    )
]


class TestDocExamples:
    def test_every_page_has_examples(self) -> None:
        """Both pages carry runnable examples."""
        assert len(EXAMPLES) >= 7

    @pytest.mark.parametrize("code", EXAMPLES)
    def test_example_runs(self, code: str) -> None:
        """Each python block of the page runs without error."""
        exec(compile(code, "<docs>", "exec"), {"__name__": "__docs__"})
