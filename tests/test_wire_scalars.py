"""Scalar wire forms: base64 as Go's encoding/json, times as metav1.Time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from csrmodels import CertificateSigningRequest, DecodeError


def decode(
    request: str = "AQ==", timestamp: str | None = None
) -> CertificateSigningRequest:
    data = {
        "metadata": {"creationTimestamp": timestamp},
        "spec": {"request": request, "signerName": "a.b/c"},
    }
    return CertificateSigningRequest.from_dict(data)


class TestBase64:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("AQ==", b"\x01"),
            ("", b""),
            ("AQID", b"\x01\x02\x03"),
            ("AR==", b"\x01"),  # non-zero padding bits: Go's StdEncoding takes them
            ("AQ\r\n==", b"\x01"),  # CR and LF are skipped anywhere
            ("+/8=", b"\xfb\xff"),
        ],
    )
    def test_go_accepts(self, text: str, expected: bytes) -> None:
        """What Go's encoding/json decodes into a []byte, csrmodels decodes alike."""
        assert decode(request=text).spec.request == expected

    @pytest.mark.parametrize(
        "text",
        [
            "AQ",
            "AQ=",
            "-_8=",
            "AQ== ",
            "AQ==AQ==",
            "A===",
            "é",
            "AQ\t==",
            "AQID=",
            "AQID====",
        ],
    )
    def test_go_refuses(self, text: str) -> None:
        """Unpadded, URL-safe, spaces, data after padding: all refused."""
        with pytest.raises(DecodeError, match=r"spec\.request: expected a base64"):
            decode(request=text)

    def test_encoding_is_padded_standard_base64(self) -> None:
        """Encoding uses the standard alphabet with padding and no line breaks."""
        csr = decode(request="+/8=")

        assert csr.to_dict()["spec"]["request"] == "+/8="


class TestTime:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2024-01-31T12:00:00Z", datetime(2024, 1, 31, 12, tzinfo=UTC)),
            ("2024-01-31T12:00:00.5Z", datetime(2024, 1, 31, 12, 0, 0, 500000, UTC)),
            ("2024-01-31T12:00:00,25Z", datetime(2024, 1, 31, 12, 0, 0, 250000, UTC)),
            (
                "2024-01-31T12:00:00.123456789Z",  # truncated, not rounded
                datetime(2024, 1, 31, 12, 0, 0, 123456, UTC),
            ),
            ("2024-01-31T13:30:00+01:30", datetime(2024, 1, 31, 12, tzinfo=UTC)),
            ("2024-01-31T12:00:00-00:00", datetime(2024, 1, 31, 12, tzinfo=UTC)),
            ("2024-02-29T00:00:00Z", datetime(2024, 2, 29, tzinfo=UTC)),
        ],
    )
    def test_rfc3339_forms_go_accepts(self, text: str, expected: datetime) -> None:
        """Offsets and fractions are read; the result is aware UTC."""
        parsed = decode(timestamp=text).metadata.creation_timestamp

        assert parsed == expected
        assert parsed is not None
        assert parsed.tzinfo is UTC

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "2024-01-31",
            "2024-01-31T12:00:00",  # no offset
            "2024-01-31t12:00:00z",
            "2024-01-31 12:00:00Z",
            "2024-01-31T12:00Z",
            "2024-01-31T24:00:00Z",
            "2024-01-31T12:00:60Z",
            "2023-02-29T00:00:00Z",
            "2024-01-31T12:00:00+24:00",
            "2024-01-31T12:00:00+0100",
            "20240131T120000Z",
            "2024-1-31T12:00:00Z",
        ],
    )
    def test_forms_go_refuses(self, text: str) -> None:
        """What time.Parse(time.RFC3339, ...) refuses is a DecodeError."""
        with pytest.raises(
            DecodeError, match=r"metadata\.creationTimestamp: expected an RFC 3339"
        ):
            decode(timestamp=text)

    def test_time_is_written_to_the_second_with_z(self) -> None:
        """metav1.Time writes UTC seconds with Z, dropping fractions."""
        csr = decode(timestamp="2024-01-31T13:30:00.999+01:30")

        assert csr.to_dict()["metadata"]["creationTimestamp"] == "2024-01-31T12:00:00Z"
