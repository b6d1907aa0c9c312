"""Property tests of the client conversions: any CSR survives both round trips."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestCondition,
    CertificateSigningRequestList,
)
from csrmodels.interop.kubernetes import from_kubernetes, to_kubernetes
from csrmodels.interop.lightkube import from_lightkube, to_lightkube
from tests.samples import without_unknown_fields
from tests.strategies import conditions, csr_lists, csrs

# Fewer examples than the codec's properties: each one goes through a client's
# own (slower) models twice.
_EXAMPLES = settings(max_examples=60, deadline=None)

precise_times = st.datetimes(
    min_value=datetime(1, 1, 1),
    max_value=datetime(9999, 12, 31, 23, 59, 59),
    timezones=st.just(UTC),
)


@st.composite
def csrs_with_precise_times(draw: st.DrawFn) -> CertificateSigningRequest:
    """CSRs whose timestamps carry microseconds, which the wire form drops."""
    csr = draw(csrs)
    metadata = dataclasses.replace(
        csr.metadata,
        creation_timestamp=draw(st.none() | precise_times),
        managed_fields=tuple(
            dataclasses.replace(entry, time=draw(st.none() | precise_times))
            for entry in csr.metadata.managed_fields
        ),
    )
    timed: list[CertificateSigningRequestCondition] = [
        dataclasses.replace(
            condition,
            last_update_time=draw(st.none() | precise_times),
            last_transition_time=draw(st.none() | precise_times),
        )
        for condition in draw(st.lists(conditions, max_size=2))
    ]
    status = dataclasses.replace(csr.status, conditions=tuple(timed))
    return dataclasses.replace(csr, metadata=metadata, status=status)


class TestLightkubeRoundTrip:
    """csrmodels -> lightkube -> csrmodels is the identity, less unknown fields."""

    @_EXAMPLES
    @given(csrs)
    def test_any_csr(self, csr: CertificateSigningRequest) -> None:
        """Every field lightkube knows comes back equal."""
        expected = without_unknown_fields(csr)

        assert from_lightkube(to_lightkube(csr)) == expected

    @_EXAMPLES
    @given(csrs_with_precise_times())
    def test_times_keep_microseconds(self, csr: CertificateSigningRequest) -> None:
        """Timestamps come back to the microsecond."""
        expected = without_unknown_fields(csr)

        assert from_lightkube(to_lightkube(csr)) == expected

    @_EXAMPLES
    @given(csr_lists)
    def test_any_typed_list(self, csrs: CertificateSigningRequestList) -> None:
        """Lists come back equal, the generic `List` as the typed list."""
        expected = dataclasses.replace(
            without_unknown_fields(csrs),
            api_version="certificates.k8s.io/v1",
            kind="CertificateSigningRequestList",
        )

        assert from_lightkube(to_lightkube(csrs)) == expected


class TestKubernetesRoundTrip:
    """csrmodels -> kubernetes -> csrmodels is the identity, less unknown fields."""

    @_EXAMPLES
    @given(csrs)
    def test_any_csr(self, csr: CertificateSigningRequest) -> None:
        """Every field the client knows comes back equal."""
        expected = without_unknown_fields(csr)

        assert from_kubernetes(to_kubernetes(csr)) == expected

    @_EXAMPLES
    @given(csrs_with_precise_times())
    def test_times_keep_microseconds(self, csr: CertificateSigningRequest) -> None:
        """Timestamps come back to the microsecond."""
        expected = without_unknown_fields(csr)

        assert from_kubernetes(to_kubernetes(csr)) == expected

    @_EXAMPLES
    @given(csr_lists)
    def test_any_list(self, csrs: CertificateSigningRequestList) -> None:
        """Lists come back equal, with their own kind."""
        expected = without_unknown_fields(csrs)

        assert from_kubernetes(to_kubernetes(csrs)) == expected
