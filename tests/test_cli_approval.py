"""`csrmodels approve` and `deny`: objects ready for the /approval subresource."""

from __future__ import annotations

import json

import pytest

from csrmodels.manifest import load
from csrmodels.validation import validate_approval_update
from tests.cli import CSR_LIST, JANE, run


class TestApprove:
    def test_adds_the_approved_condition(self) -> None:
        """approve adds one Approved condition with kubectl-like defaults."""
        (before,) = load(JANE.read_bytes())

        ran = run("approve", str(JANE))

        assert ran.code == 0, ran.err
        (after,) = load(ran.out)
        (condition,) = after.status.conditions
        assert (condition.type, condition.status) == ("Approved", "True")
        assert condition.reason == "CsrmodelsApprove"
        assert condition.message == "This CSR was approved by csrmodels approve."
        assert condition.last_update_time is not None
        assert after.spec == before.spec
        assert after.metadata == before.metadata

    def test_output_passes_approval_validation(self) -> None:
        """The object is what the API server accepts through /approval."""
        (stored,) = load(CSR_LIST.read_text())[1:2]

        (approved,) = load(run("approve", "-", stdin=stored.to_json()).out)

        assert stored.metadata.resource_version == "48305"
        assert validate_approval_update(approved, stored) == []

    def test_reason_and_message(self) -> None:
        """--reason and --message are written into the condition."""
        ran = run(
            "approve", str(JANE), "--reason", "Reviewed", "--message", "ok by sec"
        )

        (condition,) = load(ran.out)[0].status.conditions
        assert (condition.reason, condition.message) == ("Reviewed", "ok by sec")

    def test_output_format_follows_input(self) -> None:
        """JSON in gives JSON out (for kubectl replace --raw); -o overrides."""
        assert run("approve", str(JANE)).out.startswith("{\n")
        assert run("approve", str(JANE), "-o", "yaml").out.startswith("apiVersion: ")
        yaml_in = run("approve", str(JANE), "-o", "yaml").out
        assert run("deny", "-", stdin=yaml_in).code == 1

    def test_already_approved_is_left_unchanged(self) -> None:
        """Approving an approved CSR prints it unchanged, with a note, exit 0."""
        approved = run("approve", str(JANE)).out

        ran = run("approve", "-", stdin=approved)

        assert ran.code == 0
        assert load(ran.out) == load(approved)
        assert ran.err == "csrmodels: <stdin>: already approved; left unchanged\n"

    def test_denied_cannot_be_approved(self) -> None:
        """A denied CSR is refused, exit 1, with no output."""
        denied = run("deny", str(JANE)).out

        ran = run("approve", "-", stdin=denied)

        assert ran.code == 1
        assert ran.out == ""
        assert "cannot approve CSR 'jane-client': it is already denied" in ran.err

    def test_list_is_all_or_nothing(self) -> None:
        """One refused CSR in a List refuses the whole List."""
        ran = run("approve", str(CSR_LIST))

        assert ran.code == 1
        assert ran.out == ""
        assert "items[2]: cannot approve CSR 'mallory-admin'" in ran.err

    def test_list_output_is_a_list(self) -> None:
        """Several CSRs come out as a kubectl List, in order."""
        csrs = load(CSR_LIST.read_text())[:2]
        text = json.dumps(
            {"apiVersion": "v1", "kind": "List", "items": [c.to_dict() for c in csrs]}
        )

        ran = run("approve", "-", stdin=text)

        assert ran.code == 0
        assert json.loads(ran.out)["kind"] == "List"
        assert [c.is_approved for c in load(ran.out)] == [True, True]
        assert "items[0]: already approved" in ran.err


class TestDeny:
    def test_adds_the_denied_condition(self) -> None:
        """deny adds one Denied condition."""
        ran = run("deny", str(JANE), "--reason", "NotAllowed")

        assert ran.code == 0
        (csr,) = load(ran.out)
        assert csr.is_denied
        assert csr.status.conditions[0].reason == "NotAllowed"

    @pytest.mark.parametrize("verb", ["approve", "deny"])
    def test_bad_input(self, verb: str) -> None:
        """Unreadable input is exit 2, as for every command."""
        ran = run(verb, "-", stdin="{")

        assert ran.code == 2
        assert ran.err.startswith("csrmodels: <stdin>: not valid ")
