"""approve, deny, fail and the status queries on CertificateSigningRequest."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csrmodels import (
    KEY_USAGES,
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestStatus,
    ConditionConflictError,
    CSRModelsError,
)
from csrmodels.validation import (
    validate_approval_update,
    validate_create,
    validate_status_update,
)
from tests.validation_pki import NOW, certificate_pem, make_csr

Condition = CertificateSigningRequestCondition


def with_conditions(
    *conditions: Condition, certificate: bytes = b""
) -> CertificateSigningRequest:
    """A valid CSR carrying the given conditions and certificate."""
    status = CertificateSigningRequestStatus(
        conditions=conditions, certificate=certificate
    )
    return dataclasses.replace(make_csr(resource_version="7"), status=status)


APPROVED = Condition(type="Approved", status="True", reason="OK")
DENIED = Condition(type="Denied", status="True", reason="No")
FAILED = Condition(type="Failed", status="True", reason="SignerValidationFailure")


class TestTransitions:
    @pytest.mark.parametrize(
        ("method", "kind"),
        [("approve", "Approved"), ("deny", "Denied"), ("fail", "Failed")],
    )
    def test_adds_true_condition_with_timestamps(self, method: str, kind: str) -> None:
        """The new condition is appended with status True and both timestamps."""
        csr = with_conditions(Condition(type="Custom", status="Unknown"))
        result = getattr(csr, method)(reason="Why", message="Because", now=NOW)
        assert result.status.conditions[:-1] == csr.status.conditions
        assert result.status.conditions[-1] == Condition(
            type=kind,
            status="True",
            reason="Why",
            message="Because",
            last_update_time=NOW,
            last_transition_time=NOW,
        )
        assert csr.status.conditions == (Condition(type="Custom", status="Unknown"),)

    def test_now_defaults_to_current_second(self) -> None:
        """Without `now`, the current UTC time is used, cut to whole seconds."""
        before = datetime.now(UTC).replace(microsecond=0)
        approved = with_conditions().approve()
        after = datetime.now(UTC)
        stamp = approved.status.conditions[-1].last_update_time
        assert stamp is not None
        assert before <= stamp <= after
        assert stamp.microsecond == 0
        assert stamp.tzinfo is UTC

    def test_now_rounded_down_and_converted(self) -> None:
        """A given `now` is converted to UTC and rounded down to the second."""
        local = datetime(
            2026, 1, 2, 5, 4, 5, 999_999, tzinfo=timezone(timedelta(hours=2))
        )
        denied = with_conditions().deny(now=local)
        assert denied.status.conditions[-1].last_transition_time == NOW

    def test_naive_now_refused(self) -> None:
        """A naive `now` is a ValueError naming the problem."""
        with pytest.raises(ValueError, match="naive datetime"):
            with_conditions().fail(now=datetime(2026, 1, 1))

    @pytest.mark.parametrize(
        ("start", "method", "words"),
        [
            (APPROVED, "approve", "cannot approve CSR 'csr-1': it is already approved"),
            (DENIED, "approve", "already denied .reason 'No'.; the API server refuses"),
            (APPROVED, "deny", "cannot deny CSR 'csr-1': it is already approved"),
            (DENIED, "deny", "cannot deny CSR 'csr-1': it is already denied"),
            (FAILED, "fail", "cannot fail CSR 'csr-1': it is already failed"),
        ],
    )
    def test_conflicts_refused(self, start: Condition, method: str, words: str) -> None:
        """A transition the server would refuse, or that repeats, raises."""
        csr = with_conditions(start)
        with pytest.raises(ConditionConflictError, match=words) as info:
            getattr(csr, method)(now=NOW)
        assert info.value.existing == start
        assert isinstance(info.value, CSRModelsError)
        assert isinstance(info.value, ValueError)

    @pytest.mark.parametrize(
        ("start", "method"),
        [(FAILED, "approve"), (FAILED, "deny"), (APPROVED, "fail"), (DENIED, "fail")],
    )
    def test_accepted_by_server_allowed(self, start: Condition, method: str) -> None:
        """Combinations the API server accepts are allowed and validate."""
        csr = with_conditions(start)
        result = getattr(csr, method)(now=NOW)
        validator = (
            validate_status_update if method == "fail" else validate_approval_update
        )
        assert validator(result, csr) == []

    def test_approve_issued_csr(self) -> None:
        """A CSR that has a certificate but no Approved condition may be approved."""
        csr = with_conditions(certificate=certificate_pem())
        assert validate_approval_update(csr.approve(now=NOW), csr) == []


class TestQueries:
    @pytest.mark.parametrize(
        ("conditions", "certificate", "expected"),
        [
            ((), b"", (False, False, False, False, True)),
            ((APPROVED,), b"", (True, False, False, False, False)),
            ((APPROVED,), b"x", (True, False, False, True, False)),
            ((DENIED,), b"", (False, True, False, False, False)),
            ((APPROVED, DENIED), b"", (False, True, False, False, False)),
            ((FAILED,), b"", (False, False, True, False, True)),
            ((APPROVED, FAILED), b"", (True, False, True, False, False)),
            (
                (Condition(type="Failed", status=""),),
                b"",
                (False, False, True, False, True),
            ),
            (
                (Condition(type="Failed", status="False"),),
                b"",
                (False, False, False, False, True),
            ),
            (
                (Condition(type="Denied", status="False"),),
                b"",
                (False, True, False, False, False),
            ),
            ((), b"x", (False, False, False, True, True)),
        ],
        ids=[
            "new",
            "approved",
            "issued",
            "denied",
            "approved-and-denied",
            "failed",
            "approved-then-failed",
            "failed-empty-status",
            "failed-false",
            "denied-false",
            "certificate-without-approval",
        ],
    )
    def test_queries(
        self,
        conditions: tuple[Condition, ...],
        certificate: bytes,
        expected: tuple[bool, bool, bool, bool, bool],
    ) -> None:
        """Each query reads the conditions as the Kubernetes controllers do."""
        csr = with_conditions(*conditions, certificate=certificate)
        assert (
            csr.is_approved,
            csr.is_denied,
            csr.is_failed,
            csr.is_issued,
            csr.is_pending,
        ) == expected

    def test_condition_lookup(self) -> None:
        """`condition(type)` returns the first of that type, or None."""
        second = Condition(type="Custom", status="False", reason="second")
        csr = with_conditions(Condition(type="Custom", status="True"), second, APPROVED)
        assert csr.condition("Approved") == APPROVED
        assert csr.condition("Custom") == Condition(type="Custom", status="True")
        assert csr.condition("Denied") is None


def valid_csrs() -> st.SearchStrategy[CertificateSigningRequest]:
    """Valid CSRs: any usages, optional expiry, custom conditions, maybe issued."""
    usages = st.lists(st.sampled_from(sorted(KEY_USAGES)), min_size=1, unique=True)
    custom = st.builds(
        Condition,
        type=st.sampled_from(["Ready", "Custom", "x"]),
        status=st.sampled_from(["True", "False", "Unknown"]),
        reason=st.text(max_size=5),
    )
    conditions = st.lists(custom, max_size=3, unique_by=lambda c: c.type)
    return st.builds(
        lambda u, e, c, cert, fail: _build(u, e, c, cert, fail),
        usages,
        st.one_of(st.none(), st.integers(600, 2**31 - 1)),
        conditions,
        st.sampled_from([b"", certificate_pem()]),
        st.booleans(),
    )


def _build(
    usages: list[str],
    expiration: int | None,
    conditions: list[Condition],
    certificate: bytes,
    failed: bool,
) -> CertificateSigningRequest:
    if failed:
        conditions = [*conditions, FAILED]
    csr = make_csr(
        usages=tuple(usages), expiration_seconds=expiration, resource_version="1"
    )
    status = CertificateSigningRequestStatus(
        conditions=tuple(conditions), certificate=certificate
    )
    return dataclasses.replace(csr, status=status)


class TestTransitionProperties:
    @settings(max_examples=40, deadline=None)
    @given(valid_csrs(), st.text(max_size=10), st.datetimes(timezones=st.just(UTC)))
    def test_approve_and_deny_pass_approval(
        self, csr: CertificateSigningRequest, reason: str, now: datetime
    ) -> None:
        """approve and deny pass the /approval validator against the original."""
        assert validate_create(csr) == []
        assert validate_approval_update(csr.approve(reason=reason, now=now), csr) == []
        assert validate_approval_update(csr.deny(reason=reason, now=now), csr) == []

    @settings(max_examples=40, deadline=None)
    @given(valid_csrs(), st.datetimes(timezones=st.just(UTC)))
    def test_fail_passes_status(
        self, csr: CertificateSigningRequest, now: datetime
    ) -> None:
        """fail passes the /status validator, or raises when already failed."""
        if csr.is_failed:
            with pytest.raises(ConditionConflictError):
                csr.fail(now=now)
        else:
            assert validate_status_update(csr.fail(now=now), csr) == []
