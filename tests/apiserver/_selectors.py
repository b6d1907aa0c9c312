"""Field and label selectors, for the fields kube-apiserver offers on CSRs."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from csrmodels import CertificateSigningRequest
from tests.apiserver import _status

Predicate = Callable[[CertificateSigningRequest], bool]

# The field selectors the CSR registry supports (SelectableFields): the
# ObjectMeta ones of a cluster-scoped type, metadata.name, and spec.signerName.
_FIELDS: Mapping[str, Callable[[CertificateSigningRequest], str]] = {
    "metadata.name": lambda csr: csr.metadata.name,
    "spec.signerName": lambda csr: csr.spec.signer_name,
}


def _terms(selector: str) -> list[tuple[str, str, str]]:
    terms = []
    for term in filter(None, (part.strip() for part in selector.split(","))):
        for operator in ("!=", "==", "="):
            key, found, value = term.partition(operator)
            if found:
                terms.append((key.strip(), operator, value.strip()))
                break
        else:
            terms.append((term.lstrip("!"), "!" if term.startswith("!") else "", ""))
    return terms


def field_selector(selector: str) -> Predicate:
    """A predicate for `fieldSelector`; 400 BadRequest for other fields."""
    checks = []
    for key, operator, value in _terms(selector):
        if key not in _FIELDS or operator not in ("=", "==", "!="):
            raise _status.bad_request(f"field label not supported: {key}")
        checks.append((_FIELDS[key], operator == "!=", value))

    def matches(csr: CertificateSigningRequest) -> bool:
        return all((get(csr) == value) != negated for get, negated, value in checks)

    return matches


def label_selector(selector: str) -> Predicate:
    """A predicate for `labelSelector` with equality and existence terms."""
    terms = _terms(selector)
    for key, _, value in terms:
        if " " in key or " " in value:
            raise _status.bad_request(
                f"unable to parse requirement {key!r}: set-based label selectors "
                "are not supported by the test API server"
            )

    def matches(csr: CertificateSigningRequest) -> bool:
        labels = csr.metadata.labels
        for key, operator, value in terms:
            if operator in ("=", "=="):
                ok = labels.get(key) == value
            elif operator == "!=":
                ok = labels.get(key) != value
            elif operator == "!":
                ok = key not in labels
            else:
                ok = key in labels
            if not ok:
                return False
        return True

    return matches
