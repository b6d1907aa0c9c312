"""`csrmodels validate`: what kube-apiserver would say about the CSRs."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import TYPE_CHECKING

from csrmodels._cli._errors import EXIT_OK, EXIT_REFUSED, CommandError
from csrmodels._cli._io import STDIN, Input, add_file_argument, load_input
from csrmodels._csr import CertificateSigningRequestStatus

if TYPE_CHECKING:
    from csrmodels._csr import CertificateSigningRequest
    from csrmodels._meta import ObjectMeta
    from csrmodels.manifest import _Located
    from csrmodels.validation import FieldError

_MAX_GENERATED_PREFIX = 58  # apiserver keeps names of generated objects <= 63

__all__ = ["as_created", "as_update", "field_error_line", "register"]


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
    add_file_argument(parser, "check")
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
    if args.old == STDIN and args.file in (None, STDIN):
        msg = "only one of FILE and --old can be read from stdin"
        raise CommandError(msg)

    source = load_input(args.file)
    if args.old is None:
        results = [
            (found, validation.validate_create(as_created(found.csr)))
            for found in source.found
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
            (new, check(*as_update(new.csr, stored.csr)))
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


def as_created(csr: CertificateSigningRequest) -> CertificateSigningRequest:
    """
    Prepare a new CSR as the API server does before it validates a create.

    A name is generated from `generateName` (5 characters appended to at most
    58), `metadata.namespace` is cleared (CSRs are cluster-scoped) and the
    status is replaced by an empty one. The requester fields are left as they
    are: the server overwrites them with the caller's identity, which only it
    knows.
    """
    metadata = _with_generated_name(csr.metadata)
    if metadata.namespace:
        metadata = dataclasses.replace(metadata, namespace="")
    return dataclasses.replace(
        csr, metadata=metadata, status=CertificateSigningRequestStatus()
    )


def as_update(
    new: CertificateSigningRequest, old: CertificateSigningRequest
) -> tuple[CertificateSigningRequest, CertificateSigningRequest]:
    """
    Fill in what a stored object has, for validating an update offline.

    CSRs allow unconditional updates: an update without a resource version
    gets the stored object's, and objects made offline may have none at all
    (both then get the same placeholder). An object never created has only a
    `generateName`: both get the same generated name, as if it had been.
    """
    version = new.metadata.resource_version or old.metadata.resource_version or "1"
    return _stored(new, version), _stored(old, old.metadata.resource_version or version)


def _stored(csr: CertificateSigningRequest, version: str) -> CertificateSigningRequest:
    metadata = _with_generated_name(csr.metadata)
    if metadata.resource_version != version:
        metadata = dataclasses.replace(metadata, resource_version=version)
    return dataclasses.replace(csr, metadata=metadata)


def _with_generated_name(metadata: ObjectMeta) -> ObjectMeta:
    # The API server appends 5 random characters to at most 58 of the prefix;
    # any 5 valid ones validate the same.
    if metadata.name or not metadata.generate_name:
        return metadata
    generated = metadata.generate_name[:_MAX_GENERATED_PREFIX] + "xxxxx"
    return dataclasses.replace(metadata, name=generated)


def field_error_line(source: Input, found: _Located, error: FieldError) -> str:
    """`file: document 2: items[1].spec.usages[0]: Unsupported value: ...`."""
    text = str(error)
    prefix = f"{error.field}: "
    if error.field and text.startswith(prefix):
        return f"{source.where(found, error.field)}: {text.removeprefix(prefix)}"
    return f"{source.where(found)}: {text}"
