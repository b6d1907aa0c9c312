"""`csrmodels approve` and `deny`: the objects to send to the /approval subresource."""

from __future__ import annotations

import argparse
import sys

from csrmodels._cli._errors import EXIT_OK, EXIT_REFUSED, CommandError
from csrmodels._cli._io import add_file_argument, load_input, write_manifest
from csrmodels._cli.validate import as_update, field_error_line

__all__ = ["register"]

# Modelled on kubectl certificate approve/deny, which use KubectlApprove and
# KubectlDeny, so that the API server's records say which tool decided.
_DEFAULTS = {
    "approve": ("CsrmodelsApprove", "This CSR was approved by csrmodels approve."),
    "deny": ("CsrmodelsDeny", "This CSR was denied by csrmodels deny."),
}
_CONDITION = {"approve": "Approved", "deny": "Denied"}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `approve` and `deny` commands."""
    for verb, summary in (
        ("approve", "add the Approved condition, for the /approval subresource"),
        ("deny", "add the Denied condition, for the /approval subresource"),
    ):
        reason, message = _DEFAULTS[verb]
        parser = commands.add_parser(
            verb,
            help=summary,
            description=(
                f"Add a {_CONDITION[verb]} condition (status True) to each CSR and "
                "print the objects, ready for an update of /approval. A CSR that "
                f"already has it is printed unchanged; one already "
                f"{'denied' if verb == 'approve' else 'approved'} is refused."
            ),
        )
        add_file_argument(parser)
        parser.add_argument(
            "--reason", default=reason, help=f"condition reason (default {reason})"
        )
        parser.add_argument(
            "--message", default=message, help="condition message (default: a sentence)"
        )
        parser.add_argument(
            "-o",
            "--output",
            choices=("yaml", "json"),
            help="output format (default: the input's)",
        )
        parser.set_defaults(run=run, verb=verb)


def run(args: argparse.Namespace) -> int:
    """Add the condition to every CSR, or refuse them all if one cannot take it."""
    from csrmodels.validation import validate_approval_update

    verb: str = args.verb
    wanted = _CONDITION[verb]
    opposite = _CONDITION["deny" if verb == "approve" else "approve"]
    source = load_input(args.file)

    updated = []
    notes = []
    for found in source.found:
        csr = found.csr
        where = source.where(found)
        if csr.condition(wanted) is not None and csr.condition(opposite) is None:
            # As kubectl: asking again for what is already decided changes nothing.
            notes.append(f"{where}: already {wanted.lower()}; left unchanged")
            updated.append(csr)
            continue

        try:
            if verb == "approve":
                new = csr.approve(reason=args.reason, message=args.message)
            else:
                new = csr.deny(reason=args.reason, message=args.message)
        except ValueError as exc:
            msg = f"{where}: {exc}"
            raise CommandError(msg, exit_code=EXIT_REFUSED) from None

        errors = validate_approval_update(*as_update(new, csr))
        if errors:
            lines = [field_error_line(source, found, error) for error in errors]
            raise CommandError(*lines, exit_code=EXIT_REFUSED)
        updated.append(new)

    write_manifest(updated, args.output or source.format)
    for note in notes:
        sys.stderr.write(f"csrmodels: {note}\n")
    return EXIT_OK
