"""Property tests of the codec: round trips, junk anywhere, and both decoders agree."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestList,
    DecodeError,
)
from csrmodels._decode import decode_pure
from csrmodels._fast import try_decode, try_decode_json
from tests.strategies import csr_lists, csrs, junk

settings.register_profile("csrmodels", max_examples=150, deadline=None)
settings.load_profile("csrmodels")


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and index path inside a wire value, the root excluded."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*prefix, key))
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((*prefix, index))
            found.extend(_paths(item, (*prefix, index)))
    return found


def _replace(data: Any, path: tuple[Any, ...], new: Any) -> Any:
    copied = copy.deepcopy(data)
    target = copied
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return copied


class TestRoundTrip:
    @given(csrs)
    def test_csr_survives_to_dict_and_from_dict(
        self, csr: CertificateSigningRequest
    ) -> None:
        """Any valid CSR comes back equal from its wire dict."""
        assert CertificateSigningRequest.from_dict(csr.to_dict()) == csr

    @given(csrs)
    def test_csr_survives_json(self, csr: CertificateSigningRequest) -> None:
        """Any valid CSR comes back equal from its JSON text, str or bytes."""
        text = csr.to_json()

        assert CertificateSigningRequest.from_json(text) == csr
        assert CertificateSigningRequest.from_json(text.encode()) == csr
        assert json.loads(text) == csr.to_dict()

    @given(csr_lists)
    def test_list_survives_json(self, csrs: CertificateSigningRequestList) -> None:
        """Typed and generic lists come back equal, kind included."""
        again = CertificateSigningRequestList.from_json(csrs.to_json(indent=2))

        assert again == csrs
        assert again.kind == csrs.kind

    @given(csrs)
    def test_equal_objects_hash_equal(self, csr: CertificateSigningRequest) -> None:
        """Decoding twice gives equal objects with equal hashes."""
        first = CertificateSigningRequest.from_dict(csr.to_dict())
        second = CertificateSigningRequest.from_json(csr.to_json())

        assert first == second
        assert hash(first) == hash(second) == hash(csr)


class TestJunk:
    @given(csrs, st.data())
    def test_junk_anywhere_gives_decode_error_or_a_model(
        self, csr: CertificateSigningRequest, data: st.DataObject
    ) -> None:
        """A wrong value at any position is a DecodeError, never another error."""
        wire = csr.to_dict()
        path = data.draw(st.sampled_from(_paths(wire)))
        broken = _replace(wire, path, data.draw(junk))

        try:
            outcome: object = CertificateSigningRequest.from_dict(broken)
        except DecodeError as exc:
            outcome = exc

        if isinstance(outcome, DecodeError):
            assert outcome.problems
            assert all(problem.path for problem in outcome.problems)
        else:
            assert isinstance(outcome, CertificateSigningRequest)

    @given(csrs, st.data())
    def test_fast_and_pure_decoders_agree(
        self, csr: CertificateSigningRequest, data: st.DataObject
    ) -> None:
        """Whatever the compiled path accepts, the pure decoder decodes the same."""
        wire = csr.to_dict()
        if data.draw(st.booleans()):
            path = data.draw(st.sampled_from(_paths(wire)))
            wire = _replace(wire, path, data.draw(junk))

        fast = try_decode(CertificateSigningRequest, wire)
        try:
            pure = decode_pure(CertificateSigningRequest, wire)
        except DecodeError:
            assert fast is None
        else:
            assert fast is None or fast == pure

    @given(csrs, st.data())
    def test_fast_and_pure_json_decoders_agree(
        self, csr: CertificateSigningRequest, data: st.DataObject
    ) -> None:
        """The compiled JSON path agrees with json.loads plus the pure decoder."""
        wire = csr.to_dict()
        path = data.draw(st.sampled_from(_paths(wire)))
        replacement: Any = data.draw(
            st.sampled_from(
                [
                    "2024-01-01t00:00:00z",
                    "2024-01-01 00:00:00Z",
                    "2024-01-01T00:00:00.123456789Z",
                    "2024-01-01T01:00:00+01:00",
                    "AQ==\n",
                    "-_8=",
                    "AQ",
                    "AQID=",
                    None,
                    [],
                    {},
                    0,
                ]
            )
        )
        text = json.dumps(_replace(wire, path, replacement))

        fast = try_decode_json(CertificateSigningRequest, text)
        try:
            pure = decode_pure(CertificateSigningRequest, json.loads(text))
        except DecodeError:
            assert fast is None
        else:
            assert fast is None or fast == pure
