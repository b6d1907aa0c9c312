"""`csrmodels inspect`: CSRs as `kubectl get csr` shows them, or in detail."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from csrmodels._cli._errors import EXIT_OK, CommandError
from csrmodels._cli._io import Input, add_file_argument, load_input
from csrmodels._cli._table import format_table, human_duration
from csrmodels._cli._x509view import (
    CertificateView,
    RequestView,
    certificate_view,
    problems,
    request_view,
)
from csrmodels._csr import CertificateSigningRequest
from csrmodels._wire import format_time, parse_time
from csrmodels.manifest import _dump_yaml, _Located

__all__ = ["register"]

_COLUMNS = ("NAME", "AGE", "SIGNERNAME", "REQUESTOR", "REQUESTEDDURATION", "CONDITION")
_WIDE_COLUMNS = ("SUBJECT", "SANS", "KEY", "CERTIFICATE", "PROBLEMS")
_NONE = "<none>"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `inspect` command."""
    parser = commands.add_parser(
        "inspect",
        help="show CSRs like `kubectl get csr`, or in detail",
        description=(
            "Show the CSRs of a manifest (a CSR, a List, a multi-document stream) "
            "with the columns of `kubectl get csr`."
        ),
    )
    add_file_argument(parser)
    parser.add_argument(
        "-o",
        "--output",
        choices=("wide", "detail", "json", "yaml"),
        help=(
            "wide: add subject, SANs, key, certificate and problem count "
            "columns; detail: one block per CSR; json, yaml: the same facts "
            "for programs"
        ),
    )
    parser.add_argument(
        "--now",
        metavar="TIME",
        help="compute ages as of this RFC 3339 time instead of the clock's",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the CSRs of the file in the format asked for."""
    now = _now(args.now)
    source = load_input(args.file, allow_empty=True)
    if not source.found:
        sys.stderr.write("No resources found\n")
        return EXIT_OK

    output = args.output
    if output is None:
        rows = [_columns(found.csr, now) for found in source.found]
        sys.stdout.write(format_table(_COLUMNS, rows))
    elif output == "wide":
        rows = [_columns(f.csr, now) + _wide_columns(f.csr, now) for f in source.found]
        sys.stdout.write(format_table(_COLUMNS + _WIDE_COLUMNS, rows))
    elif output == "detail":
        blocks = [_detail(source, found, now) for found in source.found]
        sys.stdout.write("\n".join(blocks))
    else:
        records = [_record(found.csr, now) for found in source.found]
        sys.stdout.write(_machine_text(records, output))
    return EXIT_OK


def _now(text: str | None) -> datetime:
    if text is None:
        return datetime.now(UTC)
    try:
        return parse_time(text)
    except ValueError as exc:
        msg = f"--now: {exc}: {text!r}"
        raise CommandError(msg) from None


def _name(csr: CertificateSigningRequest) -> str:
    meta = csr.metadata
    if meta.name:
        return meta.name
    return f"{meta.generate_name}*" if meta.generate_name else _NONE


def _age(csr: CertificateSigningRequest, now: datetime) -> str:
    created = csr.metadata.creation_timestamp
    if created is None:
        return "<unknown>"
    return human_duration((now - created).total_seconds())


def _requested(csr: CertificateSigningRequest) -> str:
    seconds = csr.spec.expiration_seconds
    return _NONE if seconds is None else human_duration(seconds)


def condition_summary(csr: CertificateSigningRequest) -> str:
    """Summarise the conditions as kubectl does: `Approved,Issued`, `Pending`."""
    types = {condition.type for condition in csr.status.conditions}
    if "Denied" in types:
        summary = "Denied"
    elif "Approved" in types:
        summary = "Approved"
    else:
        summary = "Pending"
    if "Failed" in types:
        summary += ",Failed"
    if csr.status.certificate:
        summary += ",Issued"
    return summary


def _columns(csr: CertificateSigningRequest, now: datetime) -> list[str]:
    return [
        _name(csr),
        _age(csr, now),
        csr.spec.signer_name or _NONE,
        csr.spec.username,
        _requested(csr),
        condition_summary(csr),
    ]


def _wide_columns(csr: CertificateSigningRequest, now: datetime) -> list[str]:
    request = request_view(csr)
    if request is None:
        subject = sans = key = "<invalid>"
    else:
        subject, key = request.subject, request.key
        sans = ",".join(request.sans) or _NONE
    return [subject, sans, key, _certificate_cell(csr, now), str(len(problems(csr)))]


def _certificate_cell(csr: CertificateSigningRequest, now: datetime) -> str:
    if not csr.status.certificate:
        return _NONE
    certificate = certificate_view(csr)
    if certificate is None:
        return "<invalid>"
    return _time_left(certificate, now)


def _time_left(certificate: CertificateView, now: datetime) -> str:
    left = (certificate.not_after - now).total_seconds()
    if left <= 0:
        return f"expired {human_duration(-left)} ago"
    if certificate.not_before > now:
        wait = (certificate.not_before - now).total_seconds()
        return f"valid in {human_duration(wait)}"
    return f"{human_duration(left)} left"


def _detail(source: Input, found: _Located, now: datetime) -> str:
    csr = found.csr
    spec, meta = csr.spec, csr.metadata
    lines = [("Source", source.where(found)), ("Name", _name(csr))]
    if meta.creation_timestamp is not None:
        created = format_time(meta.creation_timestamp)
        lines.append(("Created", f"{created} ({_age(csr, now)} ago)"))
    lines += [
        ("Signer", spec.signer_name or _NONE),
        ("Requestor", spec.username or _NONE),
        ("Groups", ", ".join(spec.groups) or _NONE),
        ("Usages", ", ".join(spec.usages) or _NONE),
        ("Requested duration", _requested(csr)),
        ("Condition", condition_summary(csr)),
    ]
    for condition in csr.status.conditions:
        text = " ".join(part for part in (condition.status, condition.reason) if part)
        if condition.message:
            text += f": {condition.message}"
        lines.append((f"  {condition.type}", text))

    request = request_view(csr)
    if request is None:
        lines.append(("Request", "<invalid: not a PEM certificate request>"))
    else:
        lines += [
            ("Subject", request.subject),
            ("SANs", ", ".join(request.sans) or _NONE),
            ("Key", request.key),
        ]
    lines += _certificate_lines(csr, now)
    issues = problems(csr)
    lines.append(("Problems", str(len(issues)) if issues else _NONE))
    lines += [("  -", issue) for issue in issues]

    width = max(len(label) for label, _ in lines) + 2
    return "".join(f"{label + ':':<{width}}{value}\n" for label, value in lines)


def _certificate_lines(
    csr: CertificateSigningRequest, now: datetime
) -> list[tuple[str, str]]:
    if not csr.status.certificate:
        return [("Certificate", _NONE)]
    certificate = certificate_view(csr)
    if certificate is None:
        return [("Certificate", "<invalid: not a PEM certificate chain>")]
    chain = (
        ""
        if certificate.chain_length == 1
        else f" ({certificate.chain_length} in chain)"
    )
    return [
        ("Certificate", f"{certificate.subject}{chain}"),
        ("  Issuer", certificate.issuer),
        ("  Not before", format_time(certificate.not_before)),
        ("  Not after", format_time(certificate.not_after)),
        ("  Lifetime", _lifetime(csr, certificate)),
        ("  Validity", _time_left(certificate, now)),
    ]


def _lifetime(csr: CertificateSigningRequest, certificate: CertificateView) -> str:
    # A signer may issue less than asked: its maximum, or its CA's own expiry.
    issued = certificate.not_after - certificate.not_before
    text = human_duration(issued.total_seconds())
    requested = csr.spec.expiration_seconds
    if requested is None or issued.total_seconds() >= requested:
        return text
    return f"{text} ({human_duration(requested)} requested)"


def _record(csr: CertificateSigningRequest, now: datetime) -> dict[str, Any]:
    meta, spec = csr.metadata, csr.spec
    created = meta.creation_timestamp
    request = request_view(csr)
    record: dict[str, Any] = {
        "name": meta.name,
        "generateName": meta.generate_name,
        "creationTimestamp": None if created is None else format_time(created),
        "ageSeconds": None if created is None else int((now - created).total_seconds()),
        "signerName": spec.signer_name,
        "requestor": spec.username,
        "groups": list(spec.groups),
        "usages": list(spec.usages),
        "expirationSeconds": spec.expiration_seconds,
        "condition": condition_summary(csr),
        "conditions": [condition.to_dict() for condition in csr.status.conditions],
        "request": None if request is None else _request_record(request),
        "certificate": _certificate_record(csr, now),
        "problems": problems(csr),
    }
    return record


def _request_record(request: RequestView) -> dict[str, Any]:
    return {
        "subject": request.subject,
        "sans": list(request.sans),
        "key": request.key,
        "signatureValid": request.signature_valid,
    }


def _certificate_record(
    csr: CertificateSigningRequest, now: datetime
) -> dict[str, Any] | None:
    if not csr.status.certificate:
        return None
    certificate = certificate_view(csr)
    if certificate is None:
        return {"valid": False}
    return {
        "valid": True,
        "subject": certificate.subject,
        "issuer": certificate.issuer,
        "sans": list(certificate.sans),
        "notBefore": format_time(certificate.not_before),
        "notAfter": format_time(certificate.not_after),
        "lifetimeSeconds": int(
            (certificate.not_after - certificate.not_before).total_seconds()
        ),
        "secondsLeft": int((certificate.not_after - now).total_seconds()),
        "chainLength": certificate.chain_length,
    }


def _machine_text(records: list[dict[str, Any]], output: str) -> str:
    if output == "json":
        return json.dumps(records, indent=4, ensure_ascii=False) + "\n"
    return _dump_yaml(records)
