"""
The `csrmodels` command: make, review, approve, sign and read CSRs offline.

Each subcommand lives in its own module and registers itself on the parser.
Exit codes: 0 done, 1 the object is invalid or the action was refused, 2 bad
usage or input that cannot be read. Errors are single lines on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import metadata

from csrmodels._cli import approval, cert, inspect, new, sign, validate
from csrmodels._cli._errors import EXIT_USAGE, CommandError
from csrmodels._errors import CSRModelsError

__all__ = ["main"]

_PROG = "csrmodels"


def main(argv: list[str] | None = None) -> int:
    """
    Run the command with `argv` (by default the process's arguments).

    Returns:
        The exit code: 0 done, 1 invalid or refused, 2 bad usage or input.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits after --help and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE

    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except CommandError as exc:
        _report(exc.lines)
        return exc.exit_code
    except (CSRModelsError, ValueError, TypeError) as exc:
        # Library errors carry their own field paths and never key material.
        _report(str(exc).splitlines() or [type(exc).__name__])
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as cat does, and keep
        # the interpreter from failing again when it flushes stdout at exit.
        _silence_stdout()
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: still one line, never a traceback
        _report([f"unexpected {type(exc).__name__}: {exc} (please report this)"])
        return EXIT_USAGE
    return code


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _report(lines: tuple[str, ...] | list[str]) -> None:
    for line in lines:
        sys.stderr.write(f"{_PROG}: {line}\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description=(
            "Make, review, approve, sign and read Kubernetes "
            "CertificateSigningRequests without a cluster. Every FILE may be - "
            "for stdin, so the commands compose with kubectl."
        ),
        epilog="exit codes: 0 done, 1 invalid or refused, 2 bad usage or input",
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    commands.required = True
    for module in (inspect, validate, new, approval, sign, cert):
        module.register(commands)
    return parser


def _version() -> str:
    try:
        return f"{_PROG} {metadata.version(_PROG)}"
    except metadata.PackageNotFoundError:
        return f"{_PROG} (not installed)"
