"""Compiled fast path of the decoder (msgspec)."""

from __future__ import annotations

from typing import Any, TypeVar

from csrmodels._model import WireModel

M = TypeVar("M", bound=WireModel)


def try_decode(cls: type[M], data: Any) -> M | None:
    return None


def try_decode_json(cls: type[M], text: str | bytes) -> M | None:
    return None
