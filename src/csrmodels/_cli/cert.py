"""`csrmodels cert`: the issued certificate chain of a CSR, as PEM."""

from __future__ import annotations

import argparse
import sys

from csrmodels._cli._errors import EXIT_OK, EXIT_REFUSED, CommandError
from csrmodels._cli._io import add_file_argument, load_input
from csrmodels._cli.inspect import condition_summary

__all__ = ["register"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `cert` command."""
    parser = commands.add_parser(
        "cert",
        help="print the issued certificate chain as PEM",
        description=(
            "Print status.certificate of each CSR as PEM, leaf first, ready to "
            "save as the client's certificate file."
        ),
    )
    add_file_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the certificate chains, or refuse when one has none."""
    from cryptography.hazmat.primitives.serialization import Encoding

    from csrmodels.x509 import PEMError

    source = load_input(args.file)
    chains: list[bytes] = []
    for found in source.found:
        csr = found.csr
        where = source.where(found)
        name = csr.metadata.name or "(unnamed)"
        if not csr.status.certificate:
            msg = f"{where}: {name}: no certificate issued ({condition_summary(csr)})"
            raise CommandError(msg, exit_code=EXIT_REFUSED)
        try:
            certificates = csr.status.parse_certificates()
        except PEMError as exc:
            msg = f"{where}: {exc.path}: not a PEM certificate chain"
            raise CommandError(msg, exit_code=EXIT_REFUSED) from None
        chains.extend(cert.public_bytes(Encoding.PEM) for cert in certificates)

    sys.stdout.write(b"".join(chains).decode("ascii"))
    return EXIT_OK
