"""The examples of the manifests page run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGE = Path(__file__).parents[1] / "docs" / "manifests.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", PAGE.read_text(), re.DOTALL)


class TestManifestDocs:
    def test_page_has_examples(self) -> None:
        """The page keeps its examples (the test below would pass on none)."""
        assert len(EXAMPLES) >= 5

    @pytest.mark.parametrize("code", EXAMPLES)
    def test_example_runs(self, code: str) -> None:
        """Each python block of the page runs without error."""
        exec(compile(code, str(PAGE), "exec"), {"__name__": "__docs__"})
