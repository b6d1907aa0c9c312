"""
A CA signer for CSR objects that behaves like kube-controller-manager's.

`Signer.sign` takes an approved CSR and returns it answered: with the issued
certificate in `status.certificate`, or with a `Failed` condition when the
request breaks the policy of its signer name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from csrmodels._csr import (
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
)
from csrmodels._errors import CSRModelsError
from csrmodels._lifecycle import is_approved, is_denied, is_failed, is_issued
from csrmodels._signer_cert import IssuanceError, issue, ttl, validity
from csrmodels._signer_policy import IN_TREE_POLICIES, SigningPolicy
from csrmodels._validation._x509 import request_error
from csrmodels._wire import to_utc
from csrmodels._x509_build import signature_hash
from csrmodels._x509_read import load_request, public_key_description, spki_der

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import (
        CertificateIssuerPrivateKeyTypes,
        CertificatePublicKeyTypes,
    )

__all__ = ["DEFAULT_MAX_DURATION", "FAILED_REASON", "Signer", "SigningError"]

FAILED_REASON = "SignerValidationFailure"
"""The `reason` of the Failed condition a policy refusal leaves."""
DEFAULT_MAX_DURATION = timedelta(days=365)
"""The longest lifetime issued by default: `--cluster-signing-duration`'s default."""
# Go's x509 parses these request keys (ML-DSA in the newest Kubernetes).
_REQUEST_KEY_ALGORITHMS = frozenset(
    {"RSA", "ECDSA", "Ed25519", "ML-DSA-44", "ML-DSA-65", "ML-DSA-87"}
)


class SigningError(CSRModelsError, ValueError):
    """
    A CSR the signer will not answer at all (no certificate, no condition).

    Raised for CSRs the in-tree controller skips (not approved, denied, failed,
    already issued, another signer name) and for those it retries on error
    (unreadable request, bad signature, unknown usage, expired CA).

    Attributes:
        csr_name: `metadata.name` of the CSR (may be empty).
        reason: why, without the CSR name.
    """

    csr_name: str
    reason: str

    def __init__(self, csr_name: str, reason: str) -> None:
        self.csr_name = csr_name
        self.reason = reason
        where = f"CSR {csr_name!r}" if csr_name else "CSR"
        super().__init__(f"cannot sign {where}: {reason}")


class Signer:
    """
    Sign CSRs with a CA, faithful to the in-tree `csrsigning` controllers.

    Policies are chosen by `spec.signerName`. The four in-tree signer names
    come with their kube-controller-manager policies; `policies` adds custom
    signer names (or replaces an in-tree policy).

    Args:
        ca_certificate: the CA certificate that issues.
        ca_private_key: its private key (RSA, ECDSA P-256/P-384/P-521 or
            Ed25519).
        max_duration: the longest lifetime issued, like kube-controller-manager's
            `--cluster-signing-duration`; also the lifetime when a CSR sets no
            `expirationSeconds`.
        policies: signer name to `SigningPolicy`, merged over the in-tree ones.

    Raises:
        TypeError: for a CA key Go cannot sign with, or a policy that is not
            callable.
        ValueError: if the key does not match the certificate, or
            `max_duration` is not positive.
    """

    __slots__ = ("_ca_certificate", "_ca_private_key", "_max_duration", "_policies")

    _ca_certificate: x509.Certificate
    _ca_private_key: CertificateIssuerPrivateKeyTypes
    _max_duration: timedelta
    _policies: Mapping[str, SigningPolicy]

    def __init__(
        self,
        ca_certificate: x509.Certificate,
        ca_private_key: CertificateIssuerPrivateKeyTypes,
        *,
        max_duration: timedelta = DEFAULT_MAX_DURATION,
        policies: Mapping[str, SigningPolicy] | None = None,
    ) -> None:
        if not isinstance(ca_certificate, x509.Certificate):
            msg = (
                "ca_certificate must be a cryptography x509.Certificate, "
                f"not {type(ca_certificate).__name__}"
            )
            raise TypeError(msg)
        signature_hash(ca_private_key, role="ca_private_key")
        if spki_der(ca_private_key.public_key()) != spki_der(
            ca_certificate.public_key()
        ):
            msg = "ca_private_key does not match the public key of ca_certificate"
            raise ValueError(msg)
        if not isinstance(max_duration, timedelta) or max_duration <= timedelta(0):
            msg = f"max_duration must be a positive timedelta (got {max_duration!r})"
            raise ValueError(msg)

        merged = dict(IN_TREE_POLICIES)
        for signer_name, policy in (policies or {}).items():
            if not callable(policy):
                msg = f"policies[{signer_name!r}] must be callable, not {policy!r}"
                raise TypeError(msg)
            merged[signer_name] = policy

        self._ca_certificate = ca_certificate
        self._ca_private_key = ca_private_key
        self._max_duration = max_duration
        self._policies = merged

    @classmethod
    def from_pem(
        cls,
        ca_certificate_pem: bytes,
        ca_private_key_pem: bytes,
        *,
        password: bytes | None = None,
        max_duration: timedelta = DEFAULT_MAX_DURATION,
        policies: Mapping[str, SigningPolicy] | None = None,
    ) -> Signer:
        """
        Make a signer from PEM files' contents, as kube-controller-manager's
        `--cluster-signing-cert-file` and `--cluster-signing-key-file` hold them.

        Raises:
            ValueError: if either PEM does not parse, or as the constructor.
        """
        certificate = x509.load_pem_x509_certificate(ca_certificate_pem)
        key = serialization.load_pem_private_key(ca_private_key_pem, password)
        return cls(
            certificate,
            key,  # type: ignore[arg-type]  # the constructor checks the key type
            max_duration=max_duration,
            policies=policies,
        )

    @property
    def ca_certificate(self) -> x509.Certificate:
        """The CA certificate that issues."""
        return self._ca_certificate

    @property
    def max_duration(self) -> timedelta:
        """The longest lifetime issued."""
        return self._max_duration

    @property
    def signer_names(self) -> frozenset[str]:
        """The signer names this signer has a policy for."""
        return frozenset(self._policies)

    def __repr__(self) -> str:
        subject = self._ca_certificate.subject.rfc4514_string()
        names = ", ".join(sorted(self._policies))
        return (
            f"Signer(ca={subject!r}, max_duration={self._max_duration}, "
            f"signer_names=[{names}])"
        )

    def sign(
        self, csr: CertificateSigningRequest, now: datetime | None = None
    ) -> CertificateSigningRequest:
        """
        Answer an approved CSR: issue a certificate, or mark it `Failed`.

        Args:
            csr: the CSR; it is not modified.
            now: the signing time, an aware datetime (default: the current
                time in UTC).

        Returns:
            A new CSR with `status.certificate` set to one PEM certificate, or
            with a `Failed` condition appended (reason
            ``SignerValidationFailure``, the policy's reason as message,
            `last_update_time` = `now` cut to whole seconds) when the policy
            refuses. Send it with an update of the `/status` subresource.

        Raises:
            SigningError: (a `ValueError`) for a CSR that is not approved, is
                denied or failed, already has a certificate, has a signer name
                without policy, a request that does not parse or whose signature
                does not verify, an unknown usage, or when the CA has expired.
            TypeError: if `csr` is not a CSR model.
            ValueError: if `now` is naive.
        """
        if not isinstance(csr, CertificateSigningRequest):
            msg = (
                "csr must be a csrmodels CertificateSigningRequest, not "
                f"{type(csr).__name__}; decode wire data with "
                "CertificateSigningRequest.from_dict first"
            )
            raise TypeError(msg)
        now = datetime.now(UTC) if now is None else to_utc(now, "now")
        name = csr.metadata.name
        self._check_state(csr)

        # What authority.Sign does first: ParseCSR, then CheckSignature.
        problem = request_error(csr.spec.request)
        if problem is not None:
            raise SigningError(name, f"spec.request: {problem}")
        request = load_request(csr.spec.request)
        public_key = _request_public_key(name, request)

        policy = self._policies[csr.spec.signer_name]
        refusal = policy(request, csr.spec)
        if refusal is not None:
            return _with_failed(csr, str(refusal), now)

        lifetime = ttl(csr.spec.expiration_seconds, self._max_duration)
        try:
            period = validity(now, lifetime, self._ca_certificate.not_valid_after_utc)
            certificate = issue(
                request,
                public_key,
                csr.spec.usages,
                period,
                self._ca_certificate,
                self._ca_private_key,
            )
        except IssuanceError as exc:
            raise SigningError(name, str(exc)) from None

        status = dataclasses.replace(csr.status, certificate=certificate)
        return dataclasses.replace(csr, status=status)

    def _check_state(self, csr: CertificateSigningRequest) -> None:
        name = csr.metadata.name
        reason = ""
        if is_issued(csr):
            reason = "status.certificate is already set"
        elif is_denied(csr):
            reason = "it is denied"
        elif not is_approved(csr):
            reason = "it is not approved"
        elif is_failed(csr):
            reason = "it has a Failed condition"
        elif csr.spec.signer_name not in self._policies:
            known = ", ".join(sorted(self._policies))
            reason = (
                f"no policy for spec.signerName {csr.spec.signer_name!r} "
                f"(this signer has: {known})"
            )
        if reason:
            raise SigningError(name, reason)


def _request_public_key(
    name: str, request: x509.CertificateSigningRequest
) -> CertificatePublicKeyTypes:
    try:
        key = request.public_key()
    except ValueError as exc:
        raise SigningError(
            name, f"the request's public key is unusable ({exc})"
        ) from None
    algorithm, _ = public_key_description(key)
    if algorithm not in _REQUEST_KEY_ALGORITHMS:
        msg = (
            f"the request's {algorithm} key is not one the Kubernetes signer "
            "issues for (RSA, ECDSA, Ed25519, ML-DSA)"
        )
        raise SigningError(name, msg)
    return key


def _with_failed(
    csr: CertificateSigningRequest, message: str, now: datetime
) -> CertificateSigningRequest:
    # As the in-tree signer: lastUpdateTime only; the API server fills
    # lastTransitionTime when it stores the /status update.
    failed = CertificateSigningRequestCondition(
        type="Failed",
        status="True",
        reason=FAILED_REASON,
        message=message,
        # Whole seconds, as the API server stores metav1.Time.
        last_update_time=now.replace(microsecond=0),
    )
    status = dataclasses.replace(
        csr.status, conditions=(*csr.status.conditions, failed)
    )
    return dataclasses.replace(csr, status=status)
