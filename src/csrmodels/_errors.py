"""
The exceptions csrmodels raises. Each also inherits the builtin it stands for.

    CSRModelsError                          every error of this library
    ├── DecodeError (ValueError)            not a valid wire form; every problem
    │   └── manifest.ManifestError          ... in document N of a manifest
    ├── validation.ValidationError          the API server would refuse it (422)
    │                  (ValueError)
    ├── ConditionConflictError (ValueError) approve/deny/fail that cannot be right
    ├── x509.PEMError (ValueError)          PEM or DER that cannot be read
    ├── signer.SigningError (ValueError)    a CSR the signer will not answer
    └── interop.MissingExtraError           a client extra is not installed
                       (ImportError)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CSRModelsError", "DecodeError", "DecodeProblem", "short_repr"]

_MAX_TEXT = 40


class CSRModelsError(Exception):
    """Base class of every exception csrmodels raises."""

    def __reduce__(self) -> tuple[object, ...]:
        # Exceptions pickle as cls(*args), but ours take other arguments than
        # their message: rebuild them from their attributes instead, so that
        # they cross process boundaries (multiprocessing, say).
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(
    cls: type[CSRModelsError], args: tuple[object, ...], state: dict[str, object]
) -> CSRModelsError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    """
    One thing wrong with decoded input.

    Attributes:
        path: where, as a JSON path in wire names (`spec.usages[2]`).
        expected: what the wire form allows there (`a string`).
        got: the offending value in short form, never a private key.
    """

    path: str
    expected: str
    got: str

    def __str__(self) -> str:
        where = self.path or "(top level)"
        return f"{where}: expected {self.expected}, got {self.got}"


class DecodeError(CSRModelsError, ValueError):
    """
    Input that is not a valid wire form of the type asked for.

    Attributes:
        problems: every problem found, in document order.
        type_name: the type that was being decoded.
    """

    problems: tuple[DecodeProblem, ...]
    type_name: str

    def __init__(self, type_name: str, problems: tuple[DecodeProblem, ...]) -> None:
        self.type_name = type_name
        self.problems = problems
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"cannot decode {type_name}: {count} {noun}"]
        lines.extend(f"  {problem}" for problem in problems)
        super().__init__("\n".join(lines))


def short_repr(value: object) -> str:
    """
    Describe `value` in a few words for an error message.

    Long text is cut, containers are summarised, and anything that looks like a
    private key is withheld entirely.
    """
    if isinstance(value, bytes | bytearray):
        value = bytes(value).decode("utf-8", "replace")
    if isinstance(value, str):
        if "PRIVATE KEY" in value:
            return "<text withheld: it looks like a private key>"
        if len(value) > _MAX_TEXT:
            return f"{value[:_MAX_TEXT]!r}... ({len(value)} characters)"
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(value)
        return text if len(text) <= _MAX_TEXT else f"{text[:_MAX_TEXT]}..."
    if isinstance(value, dict):
        return f"an object with {len(value)} keys"
    if isinstance(value, list | tuple):
        return f"an array of {len(value)} items"
    return f"a {type(value).__name__}"
