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

from csrmodels import _fast
from csrmodels._errors import DecodeError, DecodeProblem, short_repr
from csrmodels._frozen import EMPTY, FrozenDict, freeze
from csrmodels._model import WireModel
from csrmodels._schema import SCHEMAS, TYPE_META, Kind, WireField
from csrmodels._wire import decode_base64, parse_time

__all__ = ["decode", "decode_json", "load_json", "refuse_json_constant"]

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
        return json.loads(text, parse_constant=refuse_json_constant)
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
    result = _fast.try_decode_json(cls, text)
    if result is not None:
        return result
    return decode_pure(cls, load_json(text, cls.__name__), strict=strict)


def refuse_json_constant(name: str) -> Any:
    """A `parse_constant` hook for `json`: NaN and Infinity are not JSON."""
    msg = f"{name} is not valid JSON"
    raise ValueError(msg)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _join(path: str, key: str) -> str:
    if key.isidentifier():
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


class _Decoder:
    """One decoding run: walks the input and collects every problem."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.problems: list[DecodeProblem] = []
        # Paths are built only when a problem is reported or an object is
        # entered, never for the scalars of valid input.
        self.readers: dict[str, Any] = {  # by WireField.reader
            "STRING": self.string,
            "INT32": self.int32,
            "INT64": self.int64,
            "BOOL": self.boolean,
            "BYTES": self.base64,
            "TIME": self.time,
            "STRINGS": self.strings,
            "STRING_MAP": self.string_map,
            "EXTRA": self.extra,
            "JSON": self.json_object,
        }

    def problem(self, path: str, expected: str, value: object) -> Any:
        got = _MISSING if value is _ABSENT else short_repr(value)
        self.problems.append(DecodeProblem(path, expected, got))
        return _BAD

    def model(self, cls: type[WireModel], data: Any, path: str) -> Any:
        if type(data) is not dict and not isinstance(data, Mapping):
            return self.problem(path, "a JSON object", data)

        before = len(self.problems)
        by_wire = _BY_WIRE[cls]
        type_meta = TYPE_META.get(cls)
        readers = self.readers
        kwargs: dict[str, Any] = {}
        unknown: dict[str, Any] = {}
        for key, value in data.items():
            field = by_wire.get(key)
            if field is None:
                if type_meta is None or key not in ("apiVersion", "kind"):
                    self.unknown(cls, key, value, path, unknown)
            elif value is None:
                continue  # null means unset
            elif field.model is None:
                kwargs[field.attr] = readers[field.reader](value, path, key)
            elif field.kind is Kind.OBJECT:
                kwargs[field.attr] = self.model(field.model, value, _join(path, key))
            else:
                kwargs[field.attr] = self.models(field.model, value, _join(path, key))

        for field in _REQUIRED[cls]:
            if field.attr not in kwargs:
                got = data.get(field.wire, _ABSENT)
                where = _join(path, field.wire)
                self.problem(where, f"{field.kind.value} (required)", got)

        if type_meta is not None:
            kwargs.update(self.type_meta(cls, type_meta, data, path))
        if len(self.problems) > before:
            return _BAD
        if unknown:
            kwargs["unknown_fields"] = FrozenDict(unknown)
        return cls(**kwargs)

    def models(self, cls: type[WireModel], value: Any, path: str) -> Any:
        if not isinstance(value, list | tuple):
            return self.problem(path, "an array of objects", value)
        model = self.model
        return tuple([model(cls, item, f"{path}[{i}]") for i, item in enumerate(value)])

    def unknown(
        self,
        cls: type[WireModel],
        key: Any,
        value: Any,
        path: str,
        unknown: dict[str, Any],
    ) -> None:
        if type(key) is not str:
            self.problem(path, "an object with string keys", key)
        elif self.strict:
            expected = f"no such field in {cls.__name__}"
            self.problem(_join(path, key), expected, value)
        else:
            unknown[key] = self.json_value(value, _join(path, key))

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

    # Subclasses of str and int (a StrEnum member, say) are taken as msgspec,
    # and so the compiled path, takes them: strings as they are, integers as int.

    def string(self, value: Any, path: str, key: str) -> Any:
        if isinstance(value, str):
            return value
        return self.problem(_join(path, key), "a string", value)

    def int32(self, value: Any, path: str, key: str) -> Any:
        if _is_int(value) and _INT32[0] <= value <= _INT32[1]:
            return int(value)
        return self.problem(_join(path, key), Kind.INT32.value, value)

    def int64(self, value: Any, path: str, key: str) -> Any:
        if _is_int(value) and _INT64[0] <= value <= _INT64[1]:
            return int(value)
        return self.problem(_join(path, key), Kind.INT64.value, value)

    def boolean(self, value: Any, path: str, key: str) -> Any:
        if type(value) is bool:
            return value
        return self.problem(_join(path, key), Kind.BOOL.value, value)

    def base64(self, value: Any, path: str, key: str) -> Any:
        if isinstance(value, str):
            try:
                return decode_base64(value)
            except ValueError as exc:
                expected = f"{Kind.BYTES.value}: {exc}"
                return self.problem(_join(path, key), expected, value)
        return self.problem(_join(path, key), Kind.BYTES.value, value)

    def time(self, value: Any, path: str, key: str) -> Any:
        if isinstance(value, str):
            try:
                return parse_time(value)
            except ValueError as exc:
                expected = f"{Kind.TIME.value}: {exc}"
                return self.problem(_join(path, key), expected, value)
        return self.problem(_join(path, key), Kind.TIME.value, value)

    def strings(self, value: Any, path: str, key: str) -> Any:
        if not isinstance(value, list | tuple):
            return self.problem(_join(path, key), Kind.STRINGS.value, value)
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.problem(f"{_join(path, key)}[{index}]", "a string", item)
        return tuple(value)

    def string_map(self, value: Any, path: str, key: str) -> Any:
        if not isinstance(value, Mapping):
            return self.problem(_join(path, key), Kind.STRING_MAP.value, value)
        for name, item in value.items():
            if not isinstance(name, str):
                self.problem(_join(path, key), "an object with string keys", name)
            elif not isinstance(item, str):
                self.problem(_join(_join(path, key), name), "a string", item)
        return FrozenDict(value) if value else EMPTY

    def extra(self, value: Any, path: str, key: str) -> Any:
        if not isinstance(value, Mapping):
            return self.problem(_join(path, key), Kind.EXTRA.value, value)
        here = _join(path, key)
        return FrozenDict(
            {name: self.strings(item, here, name) for name, item in value.items()}
        )

    def json_object(self, value: Any, path: str, key: str) -> Any:
        if not isinstance(value, Mapping):
            return self.problem(_join(path, key), Kind.JSON.value, value)
        return self.json_value(value, _join(path, key))

    def json_value(self, value: Any, path: str) -> Any:
        """Check that `value` is JSON, and return it frozen."""
        try:
            return freeze(value)
        except TypeError:
            return self.json_problems(value, path)

    def json_problems(self, value: Any, path: str) -> Any:
        """Walk a value that is not JSON and report where it goes wrong."""
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
