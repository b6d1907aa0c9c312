"""
The pure-Python decoder: wire form to models, collecting every problem.

It is the reference for what input means. The compiled fast path in `_fast`
takes the common case and hands anything else (unknown fields, errors, rare
spellings) to this decoder, which keeps unknown fields and reports every
problem with its JSON path.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any, TypeVar

from csrmodels._errors import DecodeError, DecodeProblem, short_repr
from csrmodels._frozen import EMPTY, FrozenDict
from csrmodels._model import WireModel
from csrmodels._schema import SCHEMAS, TYPE_META, Kind, WireField
from csrmodels._wire import decode_base64, parse_time

__all__ = ["decode", "decode_json", "load_json"]

M = TypeVar("M", bound=WireModel)

_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
_BAD: Any = object()  # marks a value that produced a problem
_ABSENT: Any = object()  # a required key that is not there at all
_MISSING = "nothing (the field is missing)"

_BY_WIRE: dict[type[WireModel], dict[str, WireField]] = {
    cls: {field.wire: field for field in fields} for cls, fields in SCHEMAS.items()
}
_REQUIRED: dict[type[WireModel], tuple[WireField, ...]] = {
    cls: tuple(field for field in fields if field.required)
    for cls, fields in SCHEMAS.items()
}
_V1BETA1 = "certificates.k8s.io/v1beta1"


def decode(cls: type[M], data: Any, *, strict: bool = False) -> M:
    """Decode `data` into `cls`, or raise `DecodeError` listing every problem."""
    from csrmodels import _fast

    result = _fast.try_decode(cls, data)
    if result is not None:
        return result
    return decode_pure(cls, data, strict=strict)


def decode_pure(cls: type[M], data: Any, *, strict: bool = False) -> M:
    """Decode with the pure-Python decoder alone."""
    decoder = _Decoder(strict)
    try:
        result = decoder.model(cls, data, "")
    except RecursionError:
        decoder.problems.append(
            DecodeProblem("", "JSON nested less deeply", "nesting too deep to decode")
        )
    if decoder.problems:
        raise DecodeError(cls.__name__, tuple(decoder.problems))
    return result  # type: ignore[no-any-return]


def load_json(text: str | bytes | bytearray, type_name: str) -> Any:
    """Parse JSON text as Go does: no NaN or Infinity. Raises `DecodeError`."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        got = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    except (UnicodeDecodeError, ValueError) as exc:
        got = str(exc)
    except RecursionError:
        got = "nesting too deep to parse"
    except TypeError:
        got = f"a {type(text).__name__}, not str or bytes"
    raise DecodeError(type_name, (DecodeProblem("", "JSON text", got),))


def decode_json(cls: type[M], text: str | bytes, *, strict: bool = False) -> M:
    """Decode JSON text into `cls`."""
    from csrmodels import _fast

    result = _fast.try_decode_json(cls, text)
    if result is not None:
        return result
    return decode_pure(cls, load_json(text, cls.__name__), strict=strict)


def _refuse_constant(name: str) -> Any:
    msg = f"{name} is not valid JSON"
    raise ValueError(msg)


def _join(path: str, key: str) -> str:
    if key.isidentifier():
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key)}]"


class _Decoder:
    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.problems: list[DecodeProblem] = []

    def problem(self, path: str, expected: str, value: object) -> Any:
        got = _MISSING if value is _ABSENT else short_repr(value)
        self.problems.append(DecodeProblem(path, expected, got))
        return _BAD

    def model(self, cls: type[WireModel], data: Any, path: str) -> Any:
        if not isinstance(data, Mapping):
            return self.problem(path, "a JSON object", data)

        before = len(self.problems)
        by_wire = _BY_WIRE[cls]
        type_meta = TYPE_META.get(cls)
        kwargs: dict[str, Any] = {}
        unknown: dict[str, Any] = {}
        for key, value in data.items():
            field = by_wire.get(key)
            if field is not None:
                if value is not None:
                    kwargs[field.attr] = self.value(field, value, _join(path, key))
            elif type_meta is not None and key in ("apiVersion", "kind"):
                continue
            elif not isinstance(key, str):
                self.problem(path, "an object with string keys", key)
            elif self.strict:
                self.problem(
                    _join(path, key), f"no such field in {cls.__name__}", value
                )
            else:
                unknown[key] = self.json_value(value, _join(path, key))

        for field in _REQUIRED[cls]:
            if field.attr not in kwargs:
                where = _join(path, field.wire)
                got = data.get(field.wire, _ABSENT)
                self.problem(where, f"{field.kind.value} (required)", got)

        if type_meta is not None:
            kwargs.update(self.type_meta(cls, type_meta, data, path))
        if len(self.problems) > before:
            return _BAD
        if unknown:
            kwargs["unknown_fields"] = FrozenDict(unknown)
        return cls(**kwargs)

    def type_meta(
        self,
        cls: type[WireModel],
        allowed: tuple[tuple[str, str], ...],
        data: Mapping[str, Any],
        path: str,
    ) -> dict[str, str]:
        api_version, kind = data.get("apiVersion"), data.get("kind")
        if api_version is None and kind is None:
            return {}
        pairs = [
            pair
            for pair in allowed
            if api_version in (None, pair[0]) and kind in (None, pair[1])
        ]
        if pairs:
            if len(allowed) == 1:
                return {}  # fixed by the model, not a constructor argument
            return {"api_version": pairs[0][0], "kind": pairs[0][1]}

        wanted = " or ".join(f"{v} {k}" for v, k in allowed)
        if api_version == _V1BETA1:
            expected = (
                f"{wanted} (certificates.k8s.io/v1beta1 was removed in Kubernetes "
                "1.22; fetch the object again as v1)"
            )
            self.problem(_join(path, "apiVersion"), expected, api_version)
        elif api_version not in (None, *(v for v, _ in allowed)):
            self.problem(_join(path, "apiVersion"), wanted, api_version)
        else:
            self.problem(_join(path, "kind"), wanted, kind)
        return {}

    def value(self, field: WireField, value: Any, path: str) -> Any:
        kind = field.kind
        if kind is Kind.STRING:
            if type(value) is str:
                return value
            return self.problem(path, kind.value, value)
        if kind is Kind.TIME:
            if type(value) is not str:
                return self.problem(path, kind.value, value)
            try:
                return parse_time(value)
            except ValueError as exc:
                return self.problem(path, f"{kind.value}: {exc}", value)
        if kind is Kind.OBJECT:
            assert field.model is not None
            return self.model(field.model, value, path)
        if kind is Kind.OBJECTS:
            assert field.model is not None
            if not isinstance(value, list | tuple):
                return self.problem(path, kind.value, value)
            model = field.model
            return tuple(
                [
                    self.model(model, item, f"{path}[{i}]")
                    for i, item in enumerate(value)
                ]
            )
        if kind is Kind.STRINGS:
            return self.strings(value, path)
        if kind is Kind.BYTES:
            if type(value) is not str:
                return self.problem(path, kind.value, value)
            try:
                return decode_base64(value)
            except ValueError as exc:
                return self.problem(path, f"{kind.value}: {exc}", value)
        if kind is Kind.INT32 or kind is Kind.INT64:
            low, high = _INT32 if kind is Kind.INT32 else _INT64
            if type(value) is not int or not low <= value <= high:
                return self.problem(path, kind.value, value)
            return value
        if kind is Kind.BOOL:
            if type(value) is bool:
                return value
            return self.problem(path, kind.value, value)
        if kind is Kind.STRING_MAP:
            return self.string_map(value, path)
        if kind is Kind.EXTRA:
            if not isinstance(value, Mapping):
                return self.problem(path, kind.value, value)
            return FrozenDict(
                {
                    key: self.strings(item, _join(path, key))
                    for key, item in value.items()
                }
            )
        if not isinstance(value, Mapping):  # Kind.JSON
            return self.problem(path, kind.value, value)
        return self.json_value(value, path)

    def strings(self, value: Any, path: str) -> Any:
        if not isinstance(value, list | tuple):
            return self.problem(path, "an array of strings", value)
        for index, item in enumerate(value):
            if type(item) is not str:
                self.problem(f"{path}[{index}]", "a string", item)
        return tuple(value)

    def string_map(self, value: Any, path: str) -> Any:
        if not isinstance(value, Mapping):
            return self.problem(path, "an object of strings", value)
        for key, item in value.items():
            if type(key) is not str:
                self.problem(path, "an object with string keys", key)
            elif type(item) is not str:
                self.problem(_join(path, key), "a string", item)
        return FrozenDict(value) if value else EMPTY

    def json_value(self, value: Any, path: str) -> Any:
        """Check that `value` is JSON, and return it frozen."""
        kind = type(value)
        if kind is str or kind is int or kind is bool or value is None:
            return value
        if kind is float:
            if math.isfinite(value):
                return value
            return self.problem(path, "a finite JSON number", value)
        if isinstance(value, Mapping):
            frozen = {}
            for key, item in value.items():
                if type(key) is not str:
                    self.problem(path, "an object with string keys", key)
                else:
                    frozen[key] = self.json_value(item, _join(path, key))
            return FrozenDict(frozen)
        if isinstance(value, list | tuple):
            return tuple(
                [self.json_value(item, f"{path}[{i}]") for i, item in enumerate(value)]
            )
        return self.problem(path, "a JSON value", value)
