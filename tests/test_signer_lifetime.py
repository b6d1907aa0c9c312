"""The validity period the signer sets."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given, settings
from hypothesis import strategies as st

from csrmodels.signer import (
    Signer,
    SigningError,
)
from csrmodels.x509 import IssuedLifetime
from tests.conftest import IssuingCA, make_ca
from tests.signing import (
    NOW,
    custom_csr,
    only_leaf,
    signed,
)


@pytest.fixture(scope="module")
def long_ca() -> IssuingCA:
    """A CA valid for two years, so lifetimes are not capped by it."""
    key = ec.generate_private_key(ec.SECP256R1())
    return make_ca(key, not_after=NOW + timedelta(days=730))


class TestLifetime:
    @pytest.mark.parametrize(
        ("expiration_seconds", "max_duration", "not_after"),
        [
            pytest.param(600, timedelta(days=365), timedelta(minutes=10), id="10min"),
            pytest.param(3600, timedelta(days=365), timedelta(hours=1), id="1h"),
            pytest.param(
                28_799, timedelta(days=365), timedelta(seconds=28_799), id="short"
            ),
            pytest.param(
                28_800, timedelta(days=365), timedelta(hours=8, minutes=-5), id="8h"
            ),
            pytest.param(
                86_400, timedelta(days=365), timedelta(hours=24, minutes=-5), id="1d"
            ),
            pytest.param(
                None, timedelta(days=365), timedelta(days=365, minutes=-5), id="default"
            ),
            pytest.param(
                864_000, timedelta(days=1), timedelta(days=1, minutes=-5), id="capped"
            ),
            pytest.param(
                600, timedelta(minutes=5), timedelta(minutes=5), id="max-below-floor"
            ),
            pytest.param(
                None, timedelta(hours=2), timedelta(hours=2), id="short-default"
            ),
        ],
    )
    def test_validity(
        self,
        long_ca: IssuingCA,
        ec_key: ec.EllipticCurvePrivateKey,
        expiration_seconds: int | None,
        max_duration: timedelta,
        not_after: timedelta,
    ) -> None:
        """Not-before is backdated 5 min; not-after follows the short/long rule."""
        signer = Signer(
            long_ca.certificate, long_ca.private_key, max_duration=max_duration
        )
        csr = custom_csr(ec_key)
        csr = replace(
            csr, spec=replace(csr.spec, expiration_seconds=expiration_seconds)
        )

        leaf = only_leaf(signed(signer, csr))

        assert leaf.not_valid_before_utc == NOW - timedelta(minutes=5)
        assert leaf.not_valid_after_utc == NOW + not_after

    def test_capped_at_ca_expiry(self, ec_key: ec.EllipticCurvePrivateKey) -> None:
        """Not-after never passes the CA's own not-after."""
        ca_key = ec.generate_private_key(ec.SECP256R1())
        issuing = make_ca(ca_key, not_after=NOW + timedelta(hours=1))
        csr = custom_csr(ec_key, expiration=timedelta(days=1))

        leaf = only_leaf(signed(Signer(issuing.certificate, ca_key), csr))

        assert leaf.not_valid_after_utc == NOW + timedelta(hours=1)
        assert IssuedLifetime.of(
            signed(Signer(issuing.certificate, ca_key), csr)
        ).shortfall == (timedelta(hours=22, minutes=55))

    @pytest.mark.parametrize(
        ("ca_not_after", "message"),
        [
            (NOW - timedelta(minutes=10), "the signer has expired: NotAfter="),
            (
                NOW - timedelta(minutes=1),
                "refusing to sign a certificate that expired in the past",
            ),
            (NOW, "refusing to sign a certificate that expired in the past"),
        ],
    )
    def test_expired_ca(
        self, ec_key: ec.EllipticCurvePrivateKey, ca_not_after: datetime, message: str
    ) -> None:
        """An expired CA refuses to sign, with the in-tree messages."""
        ca_key = ec.generate_private_key(ec.SECP256R1())
        issuing = make_ca(ca_key, not_after=ca_not_after)

        with pytest.raises(SigningError, match=message):
            Signer(issuing.certificate, ca_key).sign(custom_csr(ec_key), NOW)

    def test_other_time_zone(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """An aware time in another zone means the same instant."""
        local = NOW.astimezone(timezone(timedelta(hours=2)))

        leaf = only_leaf(
            signed(signer, custom_csr(ec_key, expiration=timedelta(hours=1)), local)
        )

        assert leaf.not_valid_before_utc == NOW - timedelta(minutes=5)

    def test_default_now(
        self, signer: Signer, ec_key: ec.EllipticCurvePrivateKey
    ) -> None:
        """Without `now` the current time is used."""
        before = datetime.now(UTC).replace(microsecond=0)
        result = signer.sign(custom_csr(ec_key, expiration=timedelta(hours=1)))
        after = datetime.now(UTC)

        not_before = only_leaf(result).not_valid_before_utc + timedelta(minutes=5)
        assert before <= not_before <= after


class TestLifetimeProperties:
    @settings(max_examples=80, deadline=None)
    @given(
        requested=st.integers(min_value=600, max_value=2 * 365 * 86_400),
        max_seconds=st.integers(min_value=60, max_value=400 * 86_400),
    )
    def test_issued_lifetime(
        self,
        long_ca: IssuingCA,
        ec_key: ec.EllipticCurvePrivateKey,
        requested: int,
        max_seconds: int,
    ) -> None:
        """Clamp to [10 min, max], backdate 5 min; short ones keep the full TTL."""
        max_duration = timedelta(seconds=max_seconds)
        signer = Signer(
            long_ca.certificate, long_ca.private_key, max_duration=max_duration
        )
        csr = custom_csr(ec_key)
        csr = replace(csr, spec=replace(csr.spec, expiration_seconds=requested))

        lifetime = IssuedLifetime.of(signer.sign(csr, NOW))

        granted = timedelta(seconds=requested)
        if granted > max_duration:
            granted = max_duration
        backdate = timedelta(minutes=5)
        assert lifetime.not_before == NOW - backdate
        if granted < timedelta(hours=8):
            assert lifetime.issued == granted + backdate
        else:
            assert lifetime.issued == granted
        assert lifetime.not_after <= long_ca.certificate.not_valid_after_utc
