"""The interop package: optional clients, and the error for a missing extra."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from csrmodels import CSRModelsError
from csrmodels.interop import MissingExtraError


class TestOptionalClients:
    """Neither client is imported unless its interop module is."""

    def test_import_csrmodels_loads_no_client(self) -> None:
        """`import csrmodels` and `import csrmodels.interop` stay light."""
        code = (
            "import sys, csrmodels, csrmodels.interop\n"
            "loaded = sorted({'lightkube', 'kubernetes', 'httpx2', 'pydantic'}"
            " & set(sys.modules))\n"
            "print(','.join(loaded))\n"
        )

        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONPATH": ":".join(sys.path)},
            timeout=60,
        )

        assert result.stdout.strip() == ""


class TestMissingExtraError:
    """A missing client is an ImportError that says what to install."""

    @pytest.mark.parametrize("client", ["lightkube", "kubernetes"])
    def test_message_names_the_extra(
        self, client: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Importing the interop module without its client names the pip command."""
        # None in sys.modules makes an import fail, as if the package were absent.
        for module in [client, *(m for m in sys.modules if m.startswith(f"{client}."))]:
            monkeypatch.setitem(sys.modules, module, None)
        monkeypatch.delitem(sys.modules, f"csrmodels.interop.{client}", raising=False)

        with pytest.raises(MissingExtraError) as caught:
            importlib.import_module(f"csrmodels.interop.{client}")

        assert f"pip install 'csrmodels[{client}]'" in str(caught.value)
        assert caught.value.extra == client
        assert caught.value.name == client

    def test_is_import_error_and_library_error(self) -> None:
        """Code catching ImportError or CSRModelsError catches it."""
        error = MissingExtraError(extra="lightkube", missing="lightkube")

        assert isinstance(error, ImportError)
        assert isinstance(error, CSRModelsError)
