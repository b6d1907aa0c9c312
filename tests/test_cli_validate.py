"""`csrmodels validate`: the API server's errors, one per line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from csrmodels.manifest import dump, load
from tests.cli import CSR_LIST, JANE, run


def jane() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(JANE.read_text())
    return data


class TestValidateCreate:
    def test_valid_objects_say_so(self) -> None:
        """Each valid CSR gets a `valid` line; the exit code is 0."""
        ran = run("validate", str(CSR_LIST))

        assert ran.code == 0
        assert ran.out == "".join(
            f"{CSR_LIST}: items[{index}]: valid\n" for index in range(3)
        )

    def test_errors_one_per_line(self) -> None:
        """Every error is one line with its path; the exit code is 1."""
        data = jane()
        data["spec"]["usages"] = ["bogus", "client auth", "client auth"]
        data["spec"]["expirationSeconds"] = 60

        ran = run("validate", "-", stdin=json.dumps(data))

        assert ran.code == 1
        lines = ran.out.splitlines()
        assert lines[0].startswith(
            '<stdin>: spec.usages[0]: Unsupported value: "bogus": supported values: '
        )
        assert lines[1:] == [
            '<stdin>: spec.usages[2]: Duplicate value: "client auth"',
            "<stdin>: spec.expirationSeconds: Invalid value: 60: may not specify "
            "a duration less than 600 seconds (10 minutes)",
        ]

    def test_list_item_paths(self, tmp_path: Path) -> None:
        """An error in a List item names the item in the path."""
        csrs = load(CSR_LIST.read_text())
        data = json.loads(dump(csrs, format="json"))
        data["items"][1]["spec"]["signerName"] = "no-slash"
        path = tmp_path / "list.json"
        path.write_text(json.dumps(data))

        ran = run("validate", str(path))

        assert ran.code == 1
        assert f"{path}: items[1].spec.signerName: Invalid value: " in ran.out
        assert f"{path}: items[0]: valid" in ran.out

    def test_generate_name_is_enough(self) -> None:
        """A manifest with generateName only is valid, as the server names it."""
        data = jane()
        data["metadata"] = {"generateName": "jane-"}

        ran = run("validate", "-", stdin=json.dumps(data))

        assert (ran.code, ran.out) == (0, "<stdin>: valid\n")

    def test_status_is_ignored_on_create(self) -> None:
        """The server drops the status of a new object: it cannot make it invalid."""
        data = jane()
        data["status"] = {"conditions": [{"type": "Approved", "status": "Maybe"}]}

        ran = run("validate", "-", stdin=json.dumps(data))

        assert ran.code == 0

    def test_unreadable_input_is_exit_2(self) -> None:
        """A manifest that does not decode is bad input, not an invalid object."""
        ran = run("validate", "-", stdin="spec: {usages: 5}\n")

        assert ran.code == 2
        assert ran.out == ""
        assert "spec.usages: expected an array of strings, got 5" in ran.err


class TestValidateUpdate:
    def test_approval_update(self, tmp_path: Path) -> None:
        """--subresource approval accepts an added Approved condition."""
        old = tmp_path / "old.json"
        old.write_text(JANE.read_text())
        approved = run("approve", str(old)).out

        ran = run(
            "validate",
            "-",
            "--old",
            str(old),
            "--subresource",
            "approval",
            stdin=approved,
        )

        assert (ran.code, ran.out) == (0, "<stdin>: valid\n")

    def test_main_resource_update_refuses_condition_changes(
        self, tmp_path: Path
    ) -> None:
        """An update of the main resource may not add an Approved condition."""
        old = tmp_path / "old.json"
        old.write_text(JANE.read_text())
        approved = run("approve", str(old)).out

        ran = run("validate", "-", "--old", str(old), stdin=approved)

        assert ran.code == 1
        assert "status.conditions" in ran.out

    def test_status_update_may_not_approve(self, tmp_path: Path) -> None:
        """Through /status, an Approved condition cannot be added."""
        old = tmp_path / "old.json"
        old.write_text(JANE.read_text())
        approved = run("approve", str(old)).out

        ran = run(
            "validate",
            "-",
            "--old",
            str(old),
            "--subresource",
            "status",
            stdin=approved,
        )

        assert ran.code == 1
        assert "status.conditions" in ran.out

    def test_subresource_needs_old(self) -> None:
        """--subresource without --old is a usage error."""
        ran = run("validate", str(JANE), "--subresource", "status")

        assert ran.code == 2
        assert "give --old" in ran.err

    def test_counts_must_match(self) -> None:
        """New and old are paired in order: their counts must match."""
        ran = run("validate", str(CSR_LIST), "--old", str(JANE))

        assert ran.code == 2
        assert "holds 3 CSRs but" in ran.err

    def test_both_from_stdin(self) -> None:
        """FILE and --old cannot both be stdin."""
        ran = run("validate", "-", "--old", "-")

        assert ran.code == 2
        assert "only one of FILE and --old" in ran.err
