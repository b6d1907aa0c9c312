"""Exit codes of the command, and the error that carries one."""

from __future__ import annotations

from typing import Final

__all__ = ["EXIT_OK", "EXIT_REFUSED", "EXIT_USAGE", "CommandError"]

EXIT_OK: Final = 0
EXIT_REFUSED: Final = 1  # the object is invalid, or the action was refused
EXIT_USAGE: Final = 2  # bad usage, or input that cannot be read


class CommandError(Exception):
    """
    A failure to report to the user: one or more lines, and the exit code.

    Each line is printed on stderr after `csrmodels: `; none may hold key
    material.
    """

    def __init__(self, *lines: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
        self.exit_code = exit_code
