"""
apimachinery's name syntax checks: DNS-1123 labels and subdomains, label keys
(qualified names) and label values.

Each returns the list of messages apimachinery returns, empty when valid. Lengths
are counted in bytes of UTF-8, as Go's `len` counts them.
"""

from __future__ import annotations

import re

__all__ = [
    "DNS1123_LABEL_MAX",
    "DNS1123_SUBDOMAIN_MAX",
    "dns1123_label",
    "dns1123_subdomain",
    "label_value",
    "qualified_name",
]

DNS1123_LABEL_MAX = 63
DNS1123_SUBDOMAIN_MAX = 253
_LABEL_KEY_MAX = 63

_DNS_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS_SUBDOMAIN_FMT = _DNS_LABEL_FMT + "(\\." + _DNS_LABEL_FMT + ")*"
_DNS_LABEL = re.compile(_DNS_LABEL_FMT, re.ASCII)
_DNS_SUBDOMAIN = re.compile(_DNS_SUBDOMAIN_FMT, re.ASCII)
_DNS_LABEL_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric "
    "characters or '-', and must start and end with an alphanumeric character"
)
_DNS_SUBDOMAIN_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
    "characters, '-' or '.', and must start and end with an alphanumeric character"
)

_KEY_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_KEY = re.compile(_KEY_FMT, re.ASCII)
_KEY_MSG = (
    "must consist of alphanumeric characters, '-', '_' or '.', and must start "
    "and end with an alphanumeric character"
)
_VALUE_FMT = "(" + _KEY_FMT + ")?"
_VALUE = re.compile(_VALUE_FMT, re.ASCII)
_VALUE_MSG = (
    "a valid label must be an empty string or consist of alphanumeric characters, "
    "'-', '_' or '.', and must start and end with an alphanumeric character"
)


def regex_error(message: str, pattern: str, *examples: str) -> str:
    """apimachinery's `RegexError` wording."""
    if not examples:
        return f"{message} (regex used for validation is '{pattern}')"
    shown = " or ".join(f"'{example}', " for example in examples)
    return f"{message} (e.g. {shown}regex used for validation is '{pattern}')"


def max_len_error(length: int, unit: str = "characters") -> str:
    """
    apimachinery's `MaxLenError` wording.

    util/validation says "characters"; the newer validate/content package, used
    for label keys and values, says "bytes".
    """
    return f"must be no more than {length} {unit}"


def byte_len(text: str) -> int:
    """
    Length of `text` as Go's `len` counts it.

    A lone surrogate (JSON allows `"\\ud800"`) counts 3 bytes, as the U+FFFD
    that Go's JSON decoder puts in its place.
    """
    return len(text.encode("utf-8", "surrogatepass"))


def _matches(pattern: re.Pattern[str], text: str) -> bool:
    # Go's regexp with ^...$ anchors: no trailing-newline leniency.
    return pattern.fullmatch(text) is not None


def dns1123_label(value: str) -> list[str]:
    """`IsDNS1123Label`."""
    errors = []
    if byte_len(value) > DNS1123_LABEL_MAX:
        errors.append(max_len_error(DNS1123_LABEL_MAX))
    if not _matches(_DNS_LABEL, value):
        if _matches(_DNS_SUBDOMAIN, value):
            errors.append("must not contain dots")
        else:
            errors.append(
                regex_error(_DNS_LABEL_MSG, _DNS_LABEL_FMT, "my-name", "123-abc")
            )
    return errors


def dns1123_subdomain(value: str, unit: str = "characters") -> list[str]:
    """`IsDNS1123Subdomain`."""
    errors = []
    if byte_len(value) > DNS1123_SUBDOMAIN_MAX:
        errors.append(max_len_error(DNS1123_SUBDOMAIN_MAX, unit))
    if not _matches(_DNS_SUBDOMAIN, value):
        errors.append(
            regex_error(_DNS_SUBDOMAIN_MSG, _DNS_SUBDOMAIN_FMT, "example.com")
        )
    return errors


def qualified_name(value: str) -> list[str]:
    """`IsQualifiedName` (a label key): an optional DNS prefix, `/`, a name."""
    errors = []
    parts = value.split("/")
    if len(parts) == 1:
        name = parts[0]
    elif len(parts) == 2:
        prefix, name = parts
        if not prefix:
            errors.append("prefix part must be non-empty")
        else:
            errors.extend(
                f"prefix part {msg}" for msg in dns1123_subdomain(prefix, "bytes")
            )
    else:
        key_error = regex_error(_KEY_MSG, _KEY_FMT, "MyName", "my.name", "123-abc")
        return [
            f"a valid label key {key_error} with an optional DNS subdomain prefix "
            "and '/' (e.g. 'example.com/MyName')"
        ]

    if not name:
        errors.append("name part must be non-empty")
    elif byte_len(name) > _LABEL_KEY_MAX:
        errors.append(f"name part {max_len_error(_LABEL_KEY_MAX, 'bytes')}")
    if not _matches(_KEY, name):
        key_error = regex_error(_KEY_MSG, _KEY_FMT, "MyName", "my.name", "123-abc")
        errors.append(f"name part {key_error}")
    return errors


def label_value(value: str) -> list[str]:
    """`IsValidLabelValue`."""
    errors = []
    if byte_len(value) > _LABEL_KEY_MAX:
        errors.append(max_len_error(_LABEL_KEY_MAX, "bytes"))
    if not _matches(_VALUE, value):
        errors.append(
            regex_error(_VALUE_MSG, _VALUE_FMT, "MyValue", "my_value", "12345")
        )
    return errors
