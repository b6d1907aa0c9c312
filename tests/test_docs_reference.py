"""
The reference pages cover the whole public API.

mkdocstrings renders what a `::: name` line asks for, so a public module, or a
name exported from `csrmodels` (whose page lists its objects one by one), that
no page asks for would be missing from the site without any build warning.
"""

from __future__ import annotations

import pkgutil
import re
from pathlib import Path

import pytest

import csrmodels

REFERENCE = Path(__file__).parent.parent / "docs" / "reference"
_DIRECTIVE = re.compile(r"^::: ([\w.]+)\s*$", re.MULTILINE)


def _rendered() -> set[str]:
    """Every object a reference page renders with a `:::` line."""
    return {
        name
        for page in REFERENCE.glob("*.md")
        for name in _DIRECTIVE.findall(page.read_text(encoding="utf-8"))
    }


def _public_modules() -> list[str]:
    modules = pkgutil.walk_packages(csrmodels.__path__, "csrmodels.")
    return sorted(
        module.name
        for module in modules
        if not any(part.startswith("_") for part in module.name.split("."))
    )


class TestReferencePages:
    """Each public module and each `csrmodels` export has its reference entry."""

    @pytest.mark.parametrize("module", _public_modules())
    def test_public_module_is_rendered(self, module: str) -> None:
        """A public module is rendered whole on a reference page."""
        assert module in _rendered()

    @pytest.mark.parametrize("name", csrmodels.__all__)
    def test_package_export_is_rendered(self, name: str) -> None:
        """A name exported from `csrmodels` has its own entry on its page."""
        assert f"csrmodels.{name}" in _rendered()
