"""
Read-only, hashable containers and the JSON values built from them.

The models are deeply immutable: every sequence is a tuple and every mapping a
`FrozenDict`. `freeze` turns decoded JSON into that form and `thaw` turns it back
into plain `dict`/`list` values ready for `json.dumps`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias, TypeVar

__all__ = ["EMPTY", "FrozenDict", "JSONValue", "freeze", "thaw"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """
    A `dict` that cannot be changed after it is made, and so can be hashed.

    It is a real `dict` subclass so that `json.dumps`, msgspec and `dict(...)` take
    it at C speed; every mutating method raises `TypeError`. Annotated as
    `Mapping` on the models, so type checkers reject mutation before run time.
    """

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        msg = f"{type(self).__name__} is read-only; build a new mapping instead"
        raise TypeError(msg)

    __setitem__ = _refuse
    __delitem__ = _refuse
    __ior__ = _refuse
    clear = _refuse
    pop = _refuse
    popitem = _refuse
    setdefault = _refuse
    update = _refuse

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __repr__(self) -> str:
        return f"FrozenDict({dict.__repr__(self)})"

    def __reduce__(self) -> tuple[type[FrozenDict[K, V]], tuple[dict[K, V]]]:
        return (type(self), (dict(self),))

    def __copy__(self) -> FrozenDict[K, V]:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> FrozenDict[K, V]:
        return self


EMPTY: FrozenDict[Any, Any] = FrozenDict()

if TYPE_CHECKING:
    JSONValue: TypeAlias = (
        bool
        | int
        | float
        | str
        | tuple["JSONValue", ...]
        | Mapping[str, "JSONValue"]
        | None
    )
else:
    # At run time the alias is `Any`, so that tools which read annotations
    # (msgspec, typing.get_type_hints) see a type they can resolve.
    JSONValue = Any
"""A JSON value as the models hold it: tuples for arrays, `FrozenDict` for objects."""


def freeze(value: Any) -> Any:
    """
    Return the JSON value `value` with objects as `FrozenDict` and arrays as tuples.

    Raises:
        TypeError: for anything JSON cannot carry (a set, a datetime, NaN...).
    """
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is dict or kind is FrozenDict or isinstance(value, Mapping):
        if not value:
            return EMPTY  # the leaves of a fieldsV1 trie: one shared object
        frozen = {}
        for key, item in value.items():
            if type(key) is not str:
                msg = f"not a JSON object: key {key!r} is not a string"
                raise TypeError(msg)
            frozen[key] = freeze(item)
        return FrozenDict(frozen)
    if kind is list or kind is tuple:
        return tuple([freeze(item) for item in value])
    if kind is float and math.isfinite(value):
        return value
    msg = (
        f"not a JSON value: {value!r}"
        if kind is float
        else f"not a JSON value: a {kind.__name__}"
    )
    raise TypeError(msg)


def thaw(value: Any) -> Any:
    """Return `value` as plain `dict`/`list` builtins, the inverse of `freeze`."""
    kind = type(value)
    if kind is FrozenDict or kind is dict:
        return {key: thaw(item) for key, item in value.items()}
    if kind is tuple or kind is list:
        return [thaw(item) for item in value]
    return value
