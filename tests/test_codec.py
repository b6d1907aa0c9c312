"""The wire codec: what decoding accepts and refuses, and what encoding writes."""

from __future__ import annotations

import copy
import enum
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestList,
    CertificateSigningRequestSpec,
    CertificateSigningRequestStatus,
    ConditionConflictError,
    CSRModelsError,
    DecodeError,
    ManagedFieldsEntry,
    ObjectMeta,
    OwnerReference,
)
from csrmodels.interop import MissingExtraError
from csrmodels.signer import SigningError
from csrmodels.x509 import PEMError

PEM = b"-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n"


def wire(**spec: Any) -> dict[str, Any]:
    """A small valid CSR in wire form, with spec fields overridden."""
    return {
        "apiVersion": "certificates.k8s.io/v1",
        "kind": "CertificateSigningRequest",
        "metadata": {"name": "alice"},
        "spec": {
            "request": "LS0tLS1CRUdJTg==",
            "signerName": "example.com/signer",
            "usages": ["client auth"],
            **spec,
        },
    }


def problems(data: Any, cls: Any = CertificateSigningRequest) -> list[str]:
    """The problems decoding reports, as text."""
    with pytest.raises(DecodeError) as caught:
        cls.from_dict(data)
    return [str(problem) for problem in caught.value.problems]


class TestDecodeErrors:
    def test_every_problem_is_reported_with_its_path(self) -> None:
        """One DecodeError lists all problems, each at its JSON path."""
        data = wire(usages=["client auth", 5, None], expirationSeconds="600")
        data["status"] = {"conditions": [{"type": "Approved", "lastUpdateTime": 3}]}

        found = problems(data)

        assert found == [
            "spec.usages[1]: expected a string, got 5",
            "spec.usages[2]: expected a string, got null",
            "spec.expirationSeconds: expected a 32-bit integer, got '600'",
            "status.conditions[0].lastUpdateTime: expected an RFC 3339 time string,"
            " got 3",
            "status.conditions[0].status: expected a string (required),"
            " got nothing (the field is missing)",
        ]

    def test_decode_error_is_a_value_error_with_a_summary(self) -> None:
        """DecodeError is a ValueError whose message counts and lists problems."""
        with pytest.raises(ValueError, match=r"cannot decode .*: 1 problem\n"):
            CertificateSigningRequest.from_dict(wire(signerName=7))

    @pytest.mark.parametrize(
        ("spec", "expected"),
        [
            ({"expirationSeconds": True}, "expected a 32-bit integer, got true"),
            ({"expirationSeconds": 600.0}, "expected a 32-bit integer, got 600.0"),
            ({"expirationSeconds": 2**31}, "expected a 32-bit integer"),
            ({"usages": "client auth"}, "expected an array of strings"),
            ({"groups": {"a": 1}}, "expected an array of strings, got an object"),
            ({"extra": ["a"]}, "expected an object of string arrays"),
            ({"extra": {"k": "v"}}, "spec.extra.k: expected an array of strings"),
            ({"request": 12}, "spec.request: expected a base64 string, got 12"),
            ({"request": "AQ"}, "spec.request: expected a base64 string: not"),
            ({"request": "-_8="}, "spec.request: expected a base64 string: not"),
        ],
    )
    def test_wrong_types_are_refused(self, spec: dict[str, Any], expected: str) -> None:
        """A bool is not an integer, a string is not a list, and so on."""
        assert any(expected in found for found in problems(wire(**spec)))

    def test_missing_required_fields_are_reported(self) -> None:
        """request, signerName and spec itself are required."""
        assert problems({"metadata": {}}) == [
            "spec: expected an object (required), got nothing (the field is missing)"
        ]
        assert problems({"spec": {"request": None}}) == [
            "spec.request: expected a base64 string (required), got null",
            "spec.signerName: expected a string (required),"
            " got nothing (the field is missing)",
        ]

    def test_non_object_input_is_refused(self) -> None:
        """A list or a string at the top is one problem at the top level."""
        assert problems(["not", "an", "object"]) == [
            "(top level): expected a JSON object, got an array of 3 items"
        ]

    def test_long_values_are_shortened_and_keys_withheld(self) -> None:
        """Messages cut long text and never show a private key."""
        key = (
            "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC" + "A" * 200
        )
        found = problems(wire(request=key, usages="x" * 500))

        assert found[0] == (
            "spec.request: expected a base64 string: not standard padded base64 "
            "(Only base64 data is allowed), got <text withheld: it looks like a "
            "private key>"
        )
        assert found[1] == (
            "spec.usages: expected an array of strings, "
            "got 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'... (500 characters)"
        )
        assert "MIIE" not in " ".join(found)

    def test_input_is_never_mutated(self) -> None:
        """Decoding, good or bad, leaves the caller's dict as it was."""
        good = wire()
        good["metadata"]["futureField"] = {"a": [1, 2]}
        bad = wire(usages=[1])
        before = copy.deepcopy((good, bad))

        CertificateSigningRequest.from_dict(good)
        with pytest.raises(DecodeError):
            CertificateSigningRequest.from_dict(bad)

        assert (good, bad) == before

    def test_deep_nesting_is_a_decode_error(self) -> None:
        """Pathologically deep JSON gives DecodeError, not RecursionError."""
        deep: Any = {}
        for _ in range(100_000):
            deep = {"a": deep}
        data = wire()
        data["spec"]["futureField"] = deep

        with pytest.raises(DecodeError, match="nesting too deep"):
            CertificateSigningRequest.from_dict(data)

    def test_deep_known_json_field_is_a_decode_error(self) -> None:
        """A deep fieldsV1, as dict or as JSON text, is a DecodeError too."""
        deep: Any = {}
        for _ in range(100_000):
            deep = {"f:a": deep}
        data = wire()
        data["metadata"]["managedFields"] = [{"fieldsV1": deep}]

        with pytest.raises(DecodeError, match="nesting too deep"):
            CertificateSigningRequest.from_dict(data)
        text = json.dumps(wire()).replace(
            '"metadata": {',
            '"metadata": {"managedFields": [{"fieldsV1": '
            + '{"a": ' * 100_000
            + "{}"
            + "}" * 100_000
            + "}],",
            1,
        )
        with pytest.raises(DecodeError, match="nesting too deep"):
            CertificateSigningRequest.from_json(text)

    @pytest.mark.parametrize(
        "text",
        [b"{", b"", b"\xff\xfe\x00", b"[1,]", "NaN", '{"spec": NaN}', b"{" * 100_000],
    )
    def test_bad_json_text_is_a_decode_error(self, text: str | bytes) -> None:
        """Text that is not JSON is a DecodeError naming the JSON problem."""
        with pytest.raises(DecodeError, match="expected JSON text"):
            CertificateSigningRequest.from_json(text)


class TestNullAndOmission:
    def test_null_means_unset(self) -> None:
        """null on input reads as the field's unset value."""
        data = wire(expirationSeconds=None, usages=None, username=None)
        data["metadata"] = {"name": None, "labels": None, "creationTimestamp": None}
        data["status"] = None

        csr = CertificateSigningRequest.from_dict(data)

        assert csr.spec.expiration_seconds is None
        assert csr.spec.usages == ()
        assert csr.metadata == ObjectMeta()
        assert csr.status == CertificateSigningRequestStatus()

    def test_empty_values_are_left_out_like_go_omitempty(self) -> None:
        """Unset optional fields are not written; required ones always are."""
        csr = CertificateSigningRequest(
            spec=CertificateSigningRequestSpec(request=b"", signer_name="")
        )

        assert csr.to_dict() == {
            "kind": "CertificateSigningRequest",
            "apiVersion": "certificates.k8s.io/v1",
            "metadata": {},
            "spec": {"request": "", "signerName": ""},
            "status": {},
        }

    def test_go_pointer_fields_write_their_zero_value(self) -> None:
        """A set pointer is written even when zero: false, 0 and {} survive."""
        meta = ObjectMeta(
            deletion_grace_period_seconds=0,
            owner_references=(
                OwnerReference(
                    api_version="v1", kind="Pod", name="p", uid="u", controller=False
                ),
            ),
            managed_fields=(ManagedFieldsEntry(fields_v1={}),),
        )

        assert meta.to_dict() == {
            "deletionGracePeriodSeconds": 0,
            "ownerReferences": [
                {
                    "apiVersion": "v1",
                    "kind": "Pod",
                    "name": "p",
                    "uid": "u",
                    "controller": False,
                }
            ],
            "managedFields": [{"fieldsV1": {}}],
        }

    def test_unset_condition_times_are_written_as_null(self) -> None:
        """Condition times are metav1.Time values: Go writes a zero one as null."""
        condition = CertificateSigningRequestCondition(type="Failed", status="True")

        assert condition.to_dict() == {
            "type": "Failed",
            "status": "True",
            "lastUpdateTime": None,
            "lastTransitionTime": None,
        }

    def test_keys_come_out_in_go_order_and_maps_sorted(self) -> None:
        """Field order is Go's struct order; map keys are sorted."""
        data = wire(usages=["client auth"], uid="u", username="n")
        data["metadata"] = {"labels": {"b": "2", "a": "1"}, "name": "x"}

        out = CertificateSigningRequest.from_dict(data).to_dict()

        assert list(out) == ["kind", "apiVersion", "metadata", "spec", "status"]
        assert list(out["spec"]) == [
            "request",
            "signerName",
            "usages",
            "username",
            "uid",
        ]
        assert list(out["metadata"]) == ["name", "labels"]
        assert list(out["metadata"]["labels"]) == ["a", "b"]

    def test_times_are_written_to_the_second_in_utc(self) -> None:
        """RFC 3339 with Z, fractions dropped, offsets turned to UTC."""
        data = wire()
        data["metadata"]["creationTimestamp"] = "2024-02-29T23:30:00.987654321-01:00"

        csr = CertificateSigningRequest.from_dict(data)

        assert csr.metadata.creation_timestamp == datetime(
            2024, 3, 1, 0, 30, 0, 987654, tzinfo=UTC
        )
        assert csr.to_dict()["metadata"]["creationTimestamp"] == "2024-03-01T00:30:00Z"

    def test_request_and_certificate_are_pem_bytes(self) -> None:
        """The codec does the base64: the models hold the PEM text."""
        spec = CertificateSigningRequestSpec(request=PEM, signer_name="a.b/c")

        encoded = spec.to_dict()["request"]

        assert encoded.startswith("LS0tLS1CRUdJTi")
        assert CertificateSigningRequestSpec.from_dict(spec.to_dict()).request == PEM

    def test_base64_line_breaks_are_ignored_as_go_does(self) -> None:
        """CR and LF inside base64 are skipped, as encoding/json skips them."""
        csr = CertificateSigningRequest.from_dict(
            wire(request="LS0t\r\nLS1C\nRUdJTg==")
        )

        assert csr.spec.request == b"-----BEGIN"

    def test_large_integers_survive_exactly(self) -> None:
        """int64 values beyond 2**53 are not rounded through floats."""
        data = wire()
        data["metadata"]["generation"] = 2**63 - 1
        data["metadata"]["futureNumber"] = 2**53 + 1

        text = CertificateSigningRequest.from_json(json.dumps(data)).to_json()

        assert '"generation":9223372036854775807' in text
        assert '"futureNumber":9007199254740993' in text


class TestUnknownFields:
    def test_unknown_fields_are_kept_at_every_depth(self) -> None:
        """Fields this library does not know are written back where they were."""
        data = wire()
        data["futureTop"] = 1
        data["metadata"]["clusterName"] = "old"
        data["spec"]["futureSpec"] = {"nested": [1, {"deep": True}]}
        data["status"] = {"conditions": [{"type": "X", "status": "True", "new": 0}]}

        csr = CertificateSigningRequest.from_dict(data)
        out = csr.to_dict()

        assert csr.metadata.unknown_fields == {"clusterName": "old"}
        assert out["futureTop"] == 1
        assert out["metadata"]["clusterName"] == "old"
        assert out["spec"]["futureSpec"] == {"nested": [1, {"deep": True}]}
        assert out["status"]["conditions"][0]["new"] == 0

    def test_unknown_fields_survive_replace(self) -> None:
        """A read-modify-write with dataclasses.replace keeps unknown fields."""
        import dataclasses

        data = wire()
        data["spec"]["futureSpec"] = "kept"
        csr = CertificateSigningRequest.from_dict(data)

        changed = dataclasses.replace(
            csr, metadata=dataclasses.replace(csr.metadata, name="bob")
        )

        assert changed.to_dict()["spec"]["futureSpec"] == "kept"

    def test_strict_mode_refuses_unknown_fields(self) -> None:
        """strict=True turns every unknown field into a problem."""
        data = wire()
        data["metadata"]["clusterName"] = "old"
        data["spec"]["SignerName"] = "case matters"

        with pytest.raises(DecodeError) as caught:
            CertificateSigningRequest.from_dict(data, strict=True)

        assert [p.path for p in caught.value.problems] == [
            "metadata.clusterName",
            "spec.SignerName",
        ]

    def test_non_json_values_are_refused(self) -> None:
        """Unknown fields must hold JSON: no NaN, sets or non-string keys."""
        data = wire()
        data["spec"]["a"] = float("nan")
        data["spec"]["b"] = {1: "x"}
        data["spec"]["c"] = {"d": {2, 3}}

        assert problems(data) == [
            "spec.a: expected a finite JSON number, got nan",
            "spec.b: expected an object with string keys, got 1",
            "spec.c.d: expected a JSON value, got a set",
        ]


class TestTypeMeta:
    def test_v1beta1_is_refused_with_advice(self) -> None:
        """A v1beta1 object is refused and the error says why."""
        data = wire()
        data["apiVersion"] = "certificates.k8s.io/v1beta1"

        assert problems(data) == [
            "apiVersion: expected certificates.k8s.io/v1 CertificateSigningRequest "
            "(certificates.k8s.io/v1beta1 was removed in Kubernetes 1.22; fetch the "
            "object again as v1), got 'certificates.k8s.io/v1beta1'"
        ]

    def test_another_kind_is_refused(self) -> None:
        """A Pod is not a CSR."""
        data = wire()
        data["kind"] = "Pod"

        assert problems(data) == [
            "kind: expected certificates.k8s.io/v1 CertificateSigningRequest, got 'Pod'"
        ]

    def test_type_meta_may_be_absent(self) -> None:
        """Items of a typed list carry no apiVersion/kind and still decode."""
        data = wire()
        del data["apiVersion"], data["kind"]

        assert CertificateSigningRequest.from_dict(data).kind == (
            "CertificateSigningRequest"
        )

    def test_kubectl_generic_list_round_trips(self) -> None:
        """kubectl's {"apiVersion": "v1", "kind": "List"} is read and written back."""
        data = {"apiVersion": "v1", "kind": "List", "metadata": {}, "items": [wire()]}

        csrs = CertificateSigningRequestList.from_dict(data)

        assert csrs.kind == "List"
        assert csrs.to_dict() == {**data, "items": [{**wire(), "status": {}}]}

    def test_typed_list_items_carry_no_type_meta(self) -> None:
        """As the API server writes a list, items name no apiVersion or kind."""
        csrs = CertificateSigningRequestList.from_dict({"items": [wire()]})

        item = csrs.to_dict()["items"][0]

        assert "kind" not in item
        assert "apiVersion" not in item
        assert csrs.to_dict()["kind"] == "CertificateSigningRequestList"

    def test_list_with_mismatched_pair_is_refused(self) -> None:
        """ "v1" goes only with the generic "List"."""
        data = {"apiVersion": "v1", "kind": "CertificateSigningRequestList"}

        assert problems({**data, "items": []}, CertificateSigningRequestList) == [
            "kind: expected certificates.k8s.io/v1 CertificateSigningRequestList or "
            "v1 List, got 'CertificateSigningRequestList'"
        ]

    def test_list_items_null_is_empty(self) -> None:
        """Go writes an empty list's items as null; it reads back as empty."""
        csrs = CertificateSigningRequestList.from_dict({"items": None})

        assert csrs.items == ()
        assert CertificateSigningRequestList.from_dict({}) == csrs
        assert csrs.to_dict()["items"] == []


class TestJSON:
    def test_to_json_escapes_html_characters_like_go(self) -> None:
        """<, > and & are written as \\u003c, \\u003e and \\u0026."""
        csr = CertificateSigningRequest.from_dict(wire(username="a<b>&c\u2028"))

        assert '"username":"a\\u003cb\\u003e\\u0026c\\u2028"' in csr.to_json()
        assert CertificateSigningRequest.from_json(csr.to_json()) == csr

    def test_to_json_keeps_non_ascii_text(self) -> None:
        """Non-ASCII text is written as it is, as Go writes it."""
        csr = CertificateSigningRequest.from_dict(wire(username="鯹)晿"))

        assert '"username":"鯹)晿"' in csr.to_json()

    def test_indent_gives_pretty_json(self) -> None:
        """to_json(indent=2) gives the same value, spread over lines."""
        csr = CertificateSigningRequest.from_dict(wire())

        assert json.loads(csr.to_json(indent=2)) == json.loads(csr.to_json())
        assert "\n  " in csr.to_json(indent=2)


class TestListMeta:
    def test_sharded_list_metadata_is_read(self) -> None:
        """metadata.shardInfo (Kubernetes 1.36 alpha) is a known field."""
        data = {"metadata": {"shardInfo": {"selector": "shard=1"}}, "items": []}

        csrs = CertificateSigningRequestList.from_dict(data)

        assert csrs.metadata.shard_info is not None
        assert csrs.metadata.shard_info.selector == "shard=1"
        assert csrs.to_dict()["metadata"] == data["metadata"]


class TestBuiltinSubclasses:
    def test_str_and_int_enums_are_taken_as_their_values(self) -> None:
        """A StrEnum usage and an IntEnum lifetime decode like plain values."""

        class Usage(enum.StrEnum):
            CLIENT_AUTH = "client auth"

        class Seconds(enum.IntEnum):
            HOUR = 3600

        plain = CertificateSigningRequest.from_dict(wire(expirationSeconds=3600))
        data = wire(usages=[Usage.CLIENT_AUTH], expirationSeconds=Seconds.HOUR)

        csr = CertificateSigningRequest.from_dict(data)

        assert csr == plain
        assert type(csr.spec.expiration_seconds) is int
        assert json.loads(csr.to_json()) == plain.to_dict()

    def test_a_bool_is_still_not_an_integer(self) -> None:
        """bool is an int subclass in Python, but not an integer on the wire."""
        assert problems(wire(expirationSeconds=False)) == [
            "spec.expirationSeconds: expected a 32-bit integer, got false"
        ]


class TestErrorObjects:
    def test_decode_errors_pickle(self) -> None:
        """A DecodeError crosses process boundaries with its problems."""
        import pickle

        with pytest.raises(DecodeError) as caught:
            CertificateSigningRequest.from_dict({"spec": {"usages": [1]}})

        again = pickle.loads(pickle.dumps(caught.value))

        assert again.problems == caught.value.problems
        assert str(again) == str(caught.value)

    @pytest.mark.parametrize(
        "error",
        [
            ConditionConflictError(
                "jane",
                CertificateSigningRequestCondition(type="Approved", status="True"),
                "Denied",
            ),
            PEMError("spec.request", "PEM block type must be CERTIFICATE REQUEST"),
            SigningError("jane", "it is not approved"),
            MissingExtraError(extra="lightkube", missing="lightkube"),
        ],
        ids=lambda error: type(error).__name__,
    )
    def test_every_library_error_pickles(self, error: CSRModelsError) -> None:
        """Each error with its own constructor arguments survives pickling."""
        import pickle

        again = pickle.loads(pickle.dumps(error))

        assert type(again) is type(error)
        assert str(again) == str(error)
        assert vars(again) == vars(error)
