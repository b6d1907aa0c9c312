"""`csrmodels sign`: answer approved CSRs as kube-controller-manager's signer does."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from csrmodels._cli._duration import DURATION_HELP, parse_duration
from csrmodels._cli._errors import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, CommandError
from csrmodels._cli._io import (
    STDIN,
    add_file_argument,
    load_input,
    read_bytes,
    write_manifest,
)
from csrmodels._cli._keys import load_private_key, signing_key
from csrmodels._cli.validate import as_update, field_error_line

if TYPE_CHECKING:
    from cryptography import x509

    from csrmodels.signer import Signer

__all__ = ["register"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `sign` command."""
    parser = commands.add_parser(
        "sign",
        help="issue certificates for approved CSRs, for the /status subresource",
        description=(
            "Sign each approved CSR with a CA as the kubernetes.io signers of "
            "kube-controller-manager do, and print the objects with "
            "status.certificate set, or with a Failed condition when the "
            "signer's policy refuses (then the exit code is 1)."
        ),
    )
    add_file_argument(parser, "sign")
    parser.add_argument(
        "--ca-cert", required=True, metavar="FILE", help="CA certificate (PEM)"
    )
    parser.add_argument(
        "--ca-key",
        required=True,
        metavar="FILE",
        help="CA private key (PEM or DER)",
    )
    parser.add_argument(
        "--ca-key-password-file",
        metavar="FILE",
        help="a file whose first line is the password of the CA key",
    )
    parser.add_argument(
        "--max-duration",
        metavar="DURATION",
        default="365d",
        help=f"longest certificate lifetime (default 365d): {DURATION_HELP}",
    )
    parser.add_argument(
        "--signer-name",
        action="append",
        default=[],
        metavar="NAME",
        help=(
            "also answer CSRs for this custom signerName, with no policy "
            "restriction (as kubernetes.io/legacy-unknown); repeatable"
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        choices=("yaml", "json"),
        help="output format (default: the input's)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Sign every CSR, or refuse them all when one cannot be answered."""
    from csrmodels.signer import SigningError
    from csrmodels.validation import validate_status_update

    if args.file in (None, STDIN) and STDIN in (args.ca_cert, args.ca_key):
        msg = "only one of FILE, --ca-cert and --ca-key can be read from stdin"
        raise CommandError(msg)
    signer = _signer(args)
    source = load_input(args.file)

    signed = []
    refusals = []
    for found in source.found:
        where = source.where(found)
        try:
            answer = signer.sign(found.csr)
        except SigningError as exc:
            msg = f"{where}: {exc}"
            raise CommandError(msg, exit_code=EXIT_REFUSED) from None

        errors = validate_status_update(*as_update(answer, found.csr))
        if errors:
            lines = [field_error_line(source, found, error) for error in errors]
            raise CommandError(*lines, exit_code=EXIT_REFUSED)
        if not answer.status.certificate:
            message = answer.status.conditions[-1].message
            refusals.append(f"{where}: the signer's policy refused: {message}")
        signed.append(answer)

    write_manifest(signed, args.output or source.format)
    for line in refusals:
        sys.stderr.write(f"csrmodels: {line}\n")
    return EXIT_REFUSED if refusals else EXIT_OK


def _signer(args: argparse.Namespace) -> Signer:
    from cryptography import x509

    from csrmodels.signer import IN_TREE_POLICIES, Signer, legacy_unknown_policy

    for signer_name in args.signer_name:
        # legacy_unknown_policy would replace the in-tree policy, and issue
        # kubelet certificates for any subject.
        if signer_name in IN_TREE_POLICIES:
            msg = (
                f"--signer-name {signer_name}: an in-tree signer name, already "
                "answered with its own policy; give only custom signer names"
            )
            raise CommandError(msg)

    try:
        max_duration = parse_duration(args.max_duration)
    except ValueError as exc:
        msg = f"--max-duration: {exc}"
        raise CommandError(msg) from None

    label, data = read_bytes(args.ca_cert, "--ca-cert")
    try:
        certificate: x509.Certificate = x509.load_pem_x509_certificate(data)
    except ValueError:
        msg = f"--ca-cert {label}: not a PEM certificate"
        raise CommandError(msg) from None
    loaded = load_private_key(args.ca_key, "--ca-key", args.ca_key_password_file)
    key = signing_key(loaded, f"--ca-key {args.ca_key}", "certificates")
    if key.public_key() != certificate.public_key():
        msg = f"--ca-key {args.ca_key}: the key does not match --ca-cert {label}"
        raise CommandError(msg)

    try:
        return Signer(
            certificate,
            key,
            max_duration=max_duration,
            policies=dict.fromkeys(args.signer_name, legacy_unknown_policy),
        )
    except (TypeError, ValueError) as exc:
        msg = f"--ca-key {args.ca_key}: {exc}"
        raise CommandError(msg, exit_code=EXIT_USAGE) from None
