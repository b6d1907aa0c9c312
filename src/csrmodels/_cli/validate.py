"""`csrmodels validate`: what kube-apiserver would say about the CSRs."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from csrmodels._cli._errors import EXIT_OK, EXIT_REFUSED, CommandError
from csrmodels._cli._io import STDIN, Input, load_input

if TYPE_CHECKING:
    from csrmodels.manifest import _Located
    from csrmodels.validation import FieldError

__all__ = ["field_error_line", "register"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `validate` command."""
    parser = commands.add_parser(
        "validate",
        help="check CSRs as the API server would (create, or an update)",
        description=(
            "Check each CSR as kube-apiserver validates a create, or, with "
            "--old, an update of the main resource or of a subresource. Prints "
            "the API server's errors, one per line; exits 1 when any is found."
        ),
    )
    parser.add_argument(
        "file", nargs="?", default=STDIN, help="manifest to check; - (default) is stdin"
    )
    parser.add_argument(
        "--old",
        metavar="FILE",
        help="the stored objects, in the same order: validate an update to FILE",
    )
    parser.add_argument(
        "--subresource",
        choices=("status", "approval"),
        help="the update goes through /status or /approval (needs --old)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Validate every CSR; print errors, or `valid` for each valid one."""
    from csrmodels import validation

    if args.subresource is not None and args.old is None:
        msg = f"--subresource {args.subresource} validates an update: give --old"
        raise CommandError(msg)
    if args.old == STDIN and args.file == STDIN:
        msg = "only one of FILE and --old can be read from stdin"
        raise CommandError(msg)

    source = load_input(args.file)
    if args.old is None:
        results = [
            (found, validation.validate_create(found.csr)) for found in source.found
        ]
    else:
        old = load_input(args.old)
        if len(old.found) != len(source.found):
            msg = (
                f"{source.label} holds {len(source.found)} CSRs but "
                f"{old.label} holds {len(old.found)}; they are paired in order"
            )
            raise CommandError(msg)
        check = {
            None: validation.validate_update,
            "status": validation.validate_status_update,
            "approval": validation.validate_approval_update,
        }[args.subresource]
        results = [
            (new, check(new.csr, stored.csr))
            for new, stored in zip(source.found, old.found, strict=True)
        ]

    invalid = False
    for found, errors in results:
        for error in errors:
            sys.stdout.write(field_error_line(source, found, error) + "\n")
        if not errors:
            sys.stdout.write(f"{source.where(found)}: valid\n")
        invalid = invalid or bool(errors)
    return EXIT_REFUSED if invalid else EXIT_OK


def field_error_line(source: Input, found: _Located, error: FieldError) -> str:
    """`file: document 2: items[1].spec.usages[0]: Unsupported value: ...`."""
    text = str(error)
    prefix = f"{error.field}: "
    if error.field and text.startswith(prefix):
        return f"{source.where(found, error.field)}: {text.removeprefix(prefix)}"
    return f"{source.where(found)}: {text}"
