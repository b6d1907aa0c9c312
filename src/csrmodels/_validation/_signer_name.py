"""
`ValidateSignerName` of pkg/apis/core/validation: `<domain>/<path>`.

The domain is dot-separated DNS-1123 labels (at least two), the path
dot-separated DNS-1123 subdomains; 253 + 1 + 253 + 1 + 63 = 571 bytes at most,
room for `<fqdn>/<namespace>.<name>`.
"""

from __future__ import annotations

from csrmodels._validation._field import (
    FieldError,
    go_quote,
    invalid,
    required,
    too_long,
)
from csrmodels._validation._syntax import (
    DNS1123_LABEL_MAX,
    DNS1123_SUBDOMAIN_MAX,
    byte_len,
    dns1123_label,
    dns1123_subdomain,
)

__all__ = ["MAX_SIGNER_NAME", "validate_signer_name"]

MAX_SIGNER_NAME = DNS1123_SUBDOMAIN_MAX * 2 + DNS1123_LABEL_MAX + 2


def validate_signer_name(path: str, signer_name: str) -> list[FieldError]:
    """Check the syntax of a signer name; empty is Required."""
    if not signer_name:
        return [required(path)]

    segments = signer_name.split("/")
    if len(segments) != 2:
        detail = (
            "must be a fully qualified domain and path of the form "
            "'example.com/signer-name'"
        )
        return [invalid(path, signer_name, detail)]

    domain, signer_path = segments
    errors = []
    if byte_len(domain) > DNS1123_SUBDOMAIN_MAX:
        errors.append(too_long(path, "", DNS1123_SUBDOMAIN_MAX))

    # Only the first bad label is reported: the rest would repeat its message.
    labels = domain.split(".")
    for label in labels:
        problems = dns1123_label(label)
        if problems:
            errors.extend(
                invalid(path, domain, f"validating label {go_quote(label)}: {problem}")
                for problem in problems
            )
            break

    if len(labels) < 2:
        detail = "should be a domain with at least two segments separated by dots"
        errors.append(invalid(path, domain, detail))

    for piece in signer_path.split("."):
        problems = dns1123_subdomain(piece)
        if problems:
            errors.extend(
                invalid(
                    path, signer_path, f"validating label {go_quote(piece)}: {problem}"
                )
                for problem in problems
            )
            break

    if byte_len(signer_name) > MAX_SIGNER_NAME:
        errors.append(too_long(path, "", MAX_SIGNER_NAME))
    return errors
