"""`csrmodels new`: a CSR manifest from a private key, and the key if asked for."""

from __future__ import annotations

import argparse
import ipaddress
import sys
from datetime import timedelta
from typing import TYPE_CHECKING

from csrmodels._cli._duration import DURATION_HELP, parse_duration
from csrmodels._cli._errors import EXIT_OK, EXIT_REFUSED, CommandError
from csrmodels._cli._io import STDIN
from csrmodels._cli._keys import (
    generate_key,
    load_private_key,
    signing_key,
    write_private_key,
)
from csrmodels._cli.validate import as_created
from csrmodels._csr import CertificateSigningRequest
from csrmodels._errors import short_repr
from csrmodels.manifest import dump

if TYPE_CHECKING:
    from csrmodels.x509 import RequestPrivateKey

__all__ = ["register"]

_PRESETS = ("kubelet-client", "kubelet-serving", "user")
_MIN_EXPIRATION = timedelta(minutes=10)
_MAX_COMMON_NAME = 64  # RFC 5280's ub-common-name, which cryptography enforces
_MAX_EXPIRATION_SECONDS = 2**31 - 1  # spec.expirationSeconds is an int32
# The options each preset takes besides the common ones; the rest are refused.
_PRESET_OPTIONS = {
    "kubelet-client": {"node"},
    "kubelet-serving": {"node", "dns", "ip"},
    "user": {"user", "group"},
}
_SHAPE_OPTIONS = (
    "signer",
    "usage",
    "cn",
    "org",
    "dns",
    "ip",
    "email",
    "uri",
    "node",
    "user",
    "group",
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `new` command."""
    parser = commands.add_parser(
        "new",
        help="make a CSR manifest from a private key (a new one if asked)",
        description=(
            "Make a CSR manifest signed with a private key and print it on "
            "stdout. Give the shape with --preset or with --signer and --usage. "
            "The private key is never printed."
        ),
    )
    keys = parser.add_argument_group("private key (one of)")
    source = keys.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--key",
        metavar="FILE",
        help="an existing private key (PEM or DER, unencrypted)",
    )
    source.add_argument(
        "--new-key",
        metavar="FILE",
        help="make a key and write it to FILE (mode 0600; never over a file)",
    )
    keys.add_argument(
        "--key-password-file",
        metavar="FILE",
        help="a file whose first line is the password of the --key",
    )
    keys.add_argument(
        "--key-type",
        choices=("rsa", "ecdsa", "ed25519"),
        help="algorithm of the new key (default: ecdsa)",
    )
    keys.add_argument(
        "--key-size",
        type=int,
        metavar="BITS",
        help="rsa: 2048 (default), 3072, 4096; ecdsa: 256 (default), 384, 521",
    )

    shape = parser.add_argument_group("what is asked for")
    shape.add_argument("--preset", choices=_PRESETS, help="a kubelet or user shape")
    shape.add_argument("--node", metavar="NAME", help="node name (kubelet presets)")
    shape.add_argument("--user", metavar="NAME", help="user name (preset user)")
    shape.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="GROUP",
        help="a group, one subject O each (preset user; repeatable)",
    )
    shape.add_argument("--signer", metavar="NAME", help="spec.signerName")
    shape.add_argument(
        "--usage",
        action="append",
        default=[],
        metavar="USAGE",
        help="a key usage, such as 'client auth' (repeatable)",
    )
    shape.add_argument("--cn", metavar="NAME", default="", help="subject common name")
    shape.add_argument(
        "--org",
        action="append",
        default=[],
        metavar="ORG",
        help="subject O (repeatable)",
    )
    for option, what in (("dns", "DNS name"), ("ip", "IP address")):
        shape.add_argument(
            f"--{option}", action="append", default=[], help=f"{what} SAN (repeatable)"
        )
    for option, what in (("email", "email address"), ("uri", "URI")):
        shape.add_argument(
            f"--{option}", action="append", default=[], help=f"{what} SAN (repeatable)"
        )

    meta = parser.add_argument_group("the object")
    meta.add_argument(
        "--expiration",
        metavar="DURATION",
        help=f"spec.expirationSeconds: {DURATION_HELP}",
    )
    names = meta.add_mutually_exclusive_group()
    names.add_argument("--name", default="", help="metadata.name")
    names.add_argument(
        "--generate-name",
        metavar="PREFIX",
        help="metadata.generateName (default csr- when no --name)",
    )
    meta.add_argument("-o", "--output", choices=("yaml", "json"), default="yaml")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the CSR, check it, write the new key if any, print the manifest."""
    _check_options(args)
    _check_values(args)
    expiration = _expiration(args.expiration)
    if args.key is not None:
        loaded = load_private_key(args.key, "--key", args.key_password_file)
        key = signing_key(loaded, f"--key {args.key}", "a CSR")
    else:
        key = generate_key(args.key_type or "ecdsa", args.key_size)

    csr = _build(args, key, expiration)
    from csrmodels.validation import validate_create

    errors = validate_create(as_created(csr))
    if errors:
        lines = [f"the API server would refuse this CSR: {error}" for error in errors]
        raise CommandError(*lines, exit_code=EXIT_REFUSED)

    if args.new_key is not None:
        write_private_key(args.new_key, key)
    sys.stdout.write(dump(csr, format=args.output))
    return EXIT_OK


def _check_options(args: argparse.Namespace) -> None:
    if args.key is not None and (args.key_type or args.key_size):
        msg = "--key-type and --key-size describe a new key; use them with --new-key"
        raise CommandError(msg)
    if args.key is None and args.key_password_file is not None:
        msg = "--key-password-file goes with --key (new keys are not encrypted)"
        raise CommandError(msg)
    if args.new_key == STDIN:
        # `-` means stdin everywhere else; a key is never written to stdout.
        msg = "--new-key -: name a file; the new key is never written to stdout"
        raise CommandError(msg)

    given = {option for option in _SHAPE_OPTIONS if getattr(args, option)}
    if args.preset is None:
        for option in ("node", "user", "group"):
            if option in given:
                msg = f"--{option} goes with a --preset; see --help"
                raise CommandError(msg)
        if not args.signer or not args.usage:
            msg = "give --preset, or --signer and at least one --usage"
            raise CommandError(msg)
        return

    allowed = _PRESET_OPTIONS[args.preset]
    for option in sorted(given - allowed):
        msg = f"--{option} cannot be used with --preset {args.preset}"
        raise CommandError(msg)
    needed = "user" if args.preset == "user" else "node"
    if not getattr(args, needed):
        msg = f"--preset {args.preset} needs --{needed}"
        raise CommandError(msg)
    if args.preset == "kubelet-serving" and not (args.dns or args.ip):
        msg = "--preset kubelet-serving needs --dns or --ip (the signer requires one)"
        raise CommandError(msg)


def _check_values(args: argparse.Namespace) -> None:
    # What cryptography refuses to encode, checked first so that the message
    # names the option rather than the library's parameter.
    for text in args.ip:
        try:
            ipaddress.ip_address(text)
        except ValueError:
            msg = f"--ip: {short_repr(text)} is not an IP address"
            raise CommandError(msg) from None

    for name in args.dns:
        if not name.isascii():
            msg = (
                f"--dns: {short_repr(name)} is not ASCII; write an "
                "internationalised name in its xn-- (IDNA) form"
            )
            raise CommandError(msg)

    if args.preset in ("kubelet-client", "kubelet-serving"):
        option, common_name = "--node", f"system:node:{args.node}"
    elif args.preset == "user":
        option, common_name = "--user", args.user
    else:
        option, common_name = "--cn", args.cn
    if len(common_name) > _MAX_COMMON_NAME:
        msg = (
            f"{option}: the subject CN {short_repr(common_name)} is longer than "
            f"the {_MAX_COMMON_NAME} characters x509 allows"
        )
        raise CommandError(msg)


def _expiration(text: str | None) -> timedelta | None:
    if text is None:
        return None
    try:
        expiration = parse_duration(text)
    except ValueError as exc:
        msg = f"--expiration: {exc}"
        raise CommandError(msg) from None

    # The bounds of spec.expirationSeconds, checked here to word them in the
    # command's terms rather than the library's.
    if expiration < _MIN_EXPIRATION:
        msg = (
            f"--expiration: {short_repr(text)} is less than 10 minutes; the API server "
            "refuses expirationSeconds below 600"
        )
        raise CommandError(msg)
    if expiration.total_seconds() > _MAX_EXPIRATION_SECONDS:
        msg = (
            f"--expiration: {short_repr(text)} is more than expirationSeconds holds "
            f"({_MAX_EXPIRATION_SECONDS} seconds, about 68 years)"
        )
        raise CommandError(msg)
    return expiration


def _build(
    args: argparse.Namespace, key: RequestPrivateKey, expiration: timedelta | None
) -> CertificateSigningRequest:
    name = args.name
    generate_name = "" if name else (args.generate_name or "csr-")
    try:
        if args.preset == "kubelet-client":
            return CertificateSigningRequest.for_kubelet_client(
                key,
                node_name=args.node,
                name=name,
                generate_name=generate_name,
                expiration=expiration,
            )
        if args.preset == "kubelet-serving":
            return CertificateSigningRequest.for_kubelet_serving(
                key,
                node_name=args.node,
                dns_names=args.dns,
                ip_addresses=args.ip,
                name=name,
                generate_name=generate_name,
                expiration=expiration,
            )
        if args.preset == "user":
            return CertificateSigningRequest.for_user(
                key,
                username=args.user,
                groups=args.group,
                name=name,
                generate_name=generate_name,
                expiration=expiration,
            )
        return CertificateSigningRequest.from_private_key(
            key,
            signer_name=args.signer,
            usages=args.usage,
            common_name=args.cn,
            organizations=args.org,
            dns_names=args.dns,
            ip_addresses=args.ip,
            email_addresses=args.email,
            uris=args.uri,
            name=name,
            generate_name=generate_name,
            expiration=expiration,
        )
    except (TypeError, ValueError) as exc:
        raise CommandError(str(exc)) from None
