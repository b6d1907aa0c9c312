"""`python -m csrmodels`: the same as the `csrmodels` command."""

from __future__ import annotations

import sys

from csrmodels._cli import main

if __name__ == "__main__":
    sys.exit(main())
