"""Plain-text tables and durations, as kubectl prints them."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["format_table", "human_duration"]

# kubectl's tab writer: columns at least 6 wide, 3 spaces after the widest cell.
_MIN_WIDTH = 6
_PADDING = 3


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Lay out rows under upper-case headers, the last column unpadded."""
    lines = [list(headers), *(list(row) for row in rows)]
    widths = [
        max(_MIN_WIDTH, max(len(line[column]) for line in lines) + _PADDING)
        for column in range(len(headers) - 1)
    ]
    out = []
    for line in lines:
        cells = [cell.ljust(width) for cell, width in zip(line, widths, strict=False)]
        cells.append(line[-1])
        out.append("".join(cells).rstrip() + "\n")
    return "".join(out)


def human_duration(seconds: float) -> str:
    """
    Write a duration with two or three significant figures: `45s`, `5m30s`, `3d`.

    The rules of Kubernetes' `duration.HumanDuration`, used by kubectl for the
    AGE and REQUESTEDDURATION columns.
    """
    whole = int(seconds)  # Go's int(d.Seconds()) truncates toward zero
    if whole < -1:
        return "<invalid>"
    if whole < 0:
        return "0s"
    if whole < 120:
        return f"{whole}s"

    minutes = whole // 60
    if minutes < 10:
        rest = whole % 60
        return f"{minutes}m" if rest == 0 else f"{minutes}m{rest}s"
    if minutes < 3 * 60:
        return f"{minutes}m"

    hours = whole // 3600
    if hours < 8:
        rest = minutes % 60
        return f"{hours}h" if rest == 0 else f"{hours}h{rest}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        rest = hours % 24
        return f"{hours // 24}d" if rest == 0 else f"{hours // 24}d{rest}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        rest = (hours // 24) % 365
        years = hours // 24 // 365
        return f"{years}y" if rest == 0 else f"{years}y{rest}d"
    return f"{hours // 24 // 365}y"
