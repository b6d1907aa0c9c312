"""
Conversion to and from the Kubernetes clients people already use.

Each client has its own module, imported only when asked for, so that
`import csrmodels` never loads a client:

- `csrmodels.interop.lightkube`: lightkube 1.x resources (extra `lightkube`);
- `csrmodels.interop.kubernetes`: the official `kubernetes` client's models
  (extra `kubernetes`).

Importing one of them without its client installed raises `MissingExtraError`,
an `ImportError` that names the extra to install.
"""

from __future__ import annotations

from csrmodels._errors import CSRModelsError

__all__ = ["MissingExtraError"]


class MissingExtraError(CSRModelsError, ImportError):
    """
    An optional dependency of csrmodels is not installed.

    The message names the extra that provides it, as in
    ``pip install 'csrmodels[lightkube]'``.

    Args:
        extra: the csrmodels extra that installs the missing package.
        missing: the module that failed to import (its top-level package is
            kept as `name`).

    Attributes:
        extra: the name of the csrmodels extra to install.
        name: the top-level package that could not be imported.
    """

    extra: str

    def __init__(self, *, extra: str, missing: str) -> None:
        self.extra = extra
        missing = missing.partition(".")[0]
        msg = (
            f"csrmodels.interop.{extra} needs the {missing!r} package, which is not "
            f"installed; install it with: pip install 'csrmodels[{extra}]'"
        )
        super().__init__(msg, name=missing)
