"""Durations written on the command line: `24h`, `90d`, `1h30m`, `600s`."""

from __future__ import annotations

import re
from datetime import timedelta

from csrmodels._errors import short_repr

__all__ = ["DURATION_HELP", "parse_duration"]

DURATION_HELP = "a duration such as 600s, 30m, 24h, 90d or 1h30m"

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PART = re.compile(r"(\d+)([smhd])", re.ASCII)
_WHOLE = re.compile(r"(?:\d+[smhd])+", re.ASCII)


def parse_duration(text: str) -> timedelta:
    """
    Parse whole numbers of days (d), hours (h), minutes (m) and seconds (s).

    Units may be combined, largest first or not (`1d12h`, `90m`); a bare
    number has no unit and is refused, as is a zero duration.

    Raises:
        ValueError: for anything else, naming the text.
    """
    if not _WHOLE.fullmatch(text):
        msg = f"{short_repr(text)} is not {DURATION_HELP}"
        raise ValueError(msg)

    try:
        seconds = sum(int(count) * _UNITS[unit] for count, unit in _PART.findall(text))
        duration = timedelta(seconds=seconds)
    except (OverflowError, ValueError):
        # Past timedelta's ~2.7 million years, or a number too long for int().
        msg = f"{short_repr(text)} is too long a duration"
        raise ValueError(msg) from None

    if not duration:
        msg = f"{short_repr(text)} is zero; give a positive duration"
        raise ValueError(msg)
    return duration
