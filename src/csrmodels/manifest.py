"""
Read and write CSR manifests in JSON and YAML.

`load` takes whatever holds CertificateSigningRequests: one manifest, a
multi-document YAML stream, concatenated JSON objects, a
`CertificateSigningRequestList`, or the generic `List` that
`kubectl get csr -o yaml` and `-o json` print. `dump` writes manifests back as
kubectl writes them.

YAML is read with PyYAML's safe loader (its C version when PyYAML was built
with libyaml), as YAML 1.1 like Kubernetes' own YAML reader, except that
unquoted timestamps stay strings: `creationTimestamp: 2024-01-31T12:00:00Z`
reaches the decoder exactly as written. PyYAML is imported on first use only.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NoReturn

from csrmodels._csr import CertificateSigningRequest, CertificateSigningRequestList
from csrmodels._decode import refuse_json_constant
from csrmodels._encode import dumps_like_go
from csrmodels._errors import DecodeError, DecodeProblem
from csrmodels._model import WireModel

if TYPE_CHECKING:
    import yaml

__all__ = [
    "Format",
    "ManifestError",
    "dump",
    "load",
    "load_documents",
]

Format = Literal["json", "yaml"]
"""The two manifest formats."""

_TYPE_NAME = "manifest"
# Far above a List of every CSR of a large cluster (some 60 values each).
_MAX_VALUES = 10_000_000
_LIST_KINDS = ("CertificateSigningRequestList", "List")
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN = (True, False)  # the implicit flags of a plain (unquoted) scalar
_BOOL_TAG = "tag:yaml.org,2002:bool"
# go-yaml v2 (Kubernetes' YAML reader) also reads y/Y/n/N as booleans.
_GO_SHORT_BOOL = re.compile(r"^(?:y|Y|n|N)$")
_GO_BOOLS = {"y": True, "yes": True, "true": True, "on": True}
_GO_BOOLS |= {"n": False, "no": False, "false": False, "off": False}
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class ManifestError(DecodeError):
    """
    A manifest that cannot be read: bad syntax, or a document that does not decode.

    Attributes:
        document: the 1-based number of the document in a stream of several,
            or None when the input holds a single document (or cannot be
            split into documents at all).
        problems: every problem found in that document; paths are relative to
            the document (`items[2].spec.usages[0]` in a List).
    """

    document: int | None

    def __init__(
        self,
        type_name: str,
        problems: tuple[DecodeProblem, ...],
        *,
        document: int | None = None,
    ) -> None:
        super().__init__(type_name, problems)
        self.document = document
        if document is not None:
            self.args = (f"document {document}: {self.args[0]}",)


@dataclass(frozen=True, slots=True)
class _Located:
    """A CSR read from a manifest, with where it was found."""

    csr: CertificateSigningRequest
    document: int | None  # 1-based, None when the input holds one document
    item: int | None  # index in `items` when it came from a List

    @property
    def path(self) -> str:
        """The JSON path of the CSR inside its document (`""` at the top)."""
        return "" if self.item is None else f"items[{self.item}]"


def load(
    data: str | bytes, *, format: Format | None = None, strict: bool = False
) -> list[CertificateSigningRequest]:
    """
    Read every CSR in a manifest, in order, flattening Lists and streams.

    Args:
        data: JSON or YAML text, or its UTF-8 bytes.
        format: `"json"` or `"yaml"`; by default text whose first character
            is `{` is read as JSON (falling back to YAML), anything else as
            YAML.
        strict: refuse fields this library does not know instead of keeping
            them in `unknown_fields`.

    Returns:
        The CSRs, one per manifest or List item; empty documents are skipped.

    Raises:
        ManifestError: for text that is not JSON or YAML, and for the first
            document that does not decode, with every problem in it.
    """
    return [found.csr for found in _load_located(data, format=format, strict=strict)]


def _load_located(
    data: str | bytes, *, format: Format | None = None, strict: bool = False
) -> list[_Located]:
    """Read every CSR in a manifest with its document number and List index."""
    documents = load_documents(data, format=format)
    numbered = len(documents) > 1
    found: list[_Located] = []
    for number, document in enumerate(documents, start=1):
        if document is None:
            continue
        where = number if numbered else None
        try:
            found.extend(_decode_document(document, where, strict))
        except DecodeError as exc:
            raise ManifestError(exc.type_name, exc.problems, document=where) from None
    return found


def _decode_document(
    document: Any, number: int | None, strict: bool
) -> Iterator[_Located]:
    if isinstance(document, dict) and document.get("kind") in _LIST_KINDS:
        items = CertificateSigningRequestList.from_dict(document, strict=strict).items
        for index, csr in enumerate(items):
            yield _Located(csr, number, index)
    else:
        yield _Located(
            CertificateSigningRequest.from_dict(document, strict=strict), number, None
        )


def load_documents(data: str | bytes, *, format: Format | None = None) -> list[Any]:
    """
    Parse JSON or YAML text into its documents, without decoding them.

    Args:
        data: JSON or YAML text, or its UTF-8 bytes (a byte order mark is
            allowed).
        format: as for `load`.

    Returns:
        One plain JSON value (`dict`, `list`, `str`...) per document. An
        empty YAML document is None, kept so that positions match the stream.

    Raises:
        ManifestError: for bytes that are not UTF-8 and for bad syntax, with
            the line and column.
    """
    text = _text(data)
    if format is None:
        if text.lstrip().startswith("{"):
            try:
                return _json_documents(text)
            except ManifestError as json_error:
                try:
                    return _yaml_documents(text)
                except ManifestError:
                    raise json_error from None
        return _yaml_documents(text)
    if format == "json":
        return _json_documents(text)
    if format == "yaml":
        return _yaml_documents(text)
    msg = f"format must be 'json' or 'yaml', not {format!r}"
    raise ValueError(msg)


def dump(
    objects: WireModel | Iterable[CertificateSigningRequest],
    *,
    format: Format = "yaml",
) -> str:
    """
    Write CSRs as a manifest, as kubectl writes them.

    Args:
        objects: one CSR or CSR list, written as it is; or several CSRs,
            written as the generic `List` that `kubectl get -o yaml` prints.
        format: `"yaml"` (block style, one line per base64 value) or
            `"json"` (indented by 4 like kubectl's).

    Returns:
        The text, ending with a newline.
    """
    if isinstance(objects, WireModel):
        data = objects.to_dict()
    else:
        items = tuple(objects)
        for index, item in enumerate(items):
            if not isinstance(item, CertificateSigningRequest):
                msg = (
                    f"objects[{index}] must be a CertificateSigningRequest, "
                    f"not {type(item).__name__}"
                )
                raise TypeError(msg)
        kubectl_list = CertificateSigningRequestList(
            api_version="v1", kind="List", items=items
        )
        data = kubectl_list.to_dict()

    if format == "json":
        return _dump_json(data)
    if format == "yaml":
        return _dump_yaml(data)
    msg = f"format must be 'json' or 'yaml', not {format!r}"
    raise ValueError(msg)


def _text(data: str | bytes) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if not isinstance(data, bytes | bytearray | memoryview):
        msg = f"a manifest must be str or bytes, not {type(data).__name__}"
        raise TypeError(msg)
    try:
        return bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        got = f"byte 0x{exc.object[exc.start]:02x} at offset {exc.start}"
        problem = DecodeProblem("", "UTF-8 text", got)
        raise ManifestError(_TYPE_NAME, (problem,)) from None


def _json_documents(text: str) -> list[Any]:
    """Parse one JSON value or several written one after another (a watch log)."""
    decoder = json.JSONDecoder(parse_constant=refuse_json_constant)
    documents: list[Any] = []
    position = _skip_space(text, 0)
    while position < len(text) or not documents:
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            got = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        except ValueError as exc:
            got = str(exc)
        except RecursionError:
            got = "nesting too deep to parse"
        else:
            documents.append(value)
            position = _skip_space(text, position)
            continue
        number = len(documents) + 1 if documents else None
        problem = DecodeProblem("", "JSON text", got)
        raise ManifestError(_TYPE_NAME, (problem,), document=number)
    return documents


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _yaml_documents(text: str) -> list[Any]:
    import yaml

    try:
        documents = list(yaml.load_all(text, Loader=_yaml_loader()))
    except yaml.MarkedYAMLError as exc:
        got = _yaml_problem(exc)
    except yaml.YAMLError as exc:
        got = str(exc)
    except RecursionError:
        got = "nesting too deep to parse"
    else:
        if "*" in text:  # aliases can only be written with a star
            for number, document in enumerate(documents, start=1):
                _refuse_alias_bombs(document, number if len(documents) > 1 else None)
        return documents
    raise ManifestError(_TYPE_NAME, (DecodeProblem("", "YAML text", got),))


def _refuse_alias_bombs(document: Any, number: int | None) -> None:
    """
    Refuse a document whose aliases expand it past any real manifest.

    PyYAML shares aliased values instead of copying them, so ten nested
    levels of ten aliases load instantly as 10**10 values that any walk of
    the document (the decoder's) would take hours over; an alias to its own
    ancestor makes it endless. Kubernetes' YAML reader refuses both too. The
    expanded size is computed once per distinct container, so this is linear
    in the text.
    """
    sizes: dict[int, int] = {}
    open_ids: set[int] = set()  # containers whose contents are being counted
    pending: list[tuple[Any, bool]] = [(document, False)]
    while pending:
        value, counted = pending.pop()
        children = _children(value)
        if children is None:
            continue
        key = id(value)
        if counted:
            total = 1 + sum(sizes.get(id(child), 1) for child in children)
            sizes[key] = total
            open_ids.discard(key)
            if total > _MAX_VALUES:
                got = f"more than {_MAX_VALUES} values once its aliases are expanded"
                _alias_problem(got, number)
        elif key in open_ids:
            _alias_problem("an alias inside the value it refers to", number)
        elif key not in sizes:
            open_ids.add(key)
            pending.append((value, True))
            pending.extend((child, False) for child in children)


def _children(value: Any) -> list[Any] | None:
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return value
    return None


def _alias_problem(got: str, number: int | None) -> NoReturn:
    problem = DecodeProblem("", "YAML text of a real manifest", got)
    raise ManifestError(_TYPE_NAME, (problem,), document=number)


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or "a syntax error"
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return problem
    return f"{problem} at line {mark.line + 1} column {mark.column + 1}"


@functools.cache
def _yaml_loader() -> type[yaml.SafeLoader]:
    """
    The safe loader, reading scalars as Kubernetes' YAML reader (go-yaml v2) does.

    Timestamps stay strings (no datetime resolver), and `y`, `Y`, `n` and `N`
    are booleans as they are for kubectl. Built on first use so that importing
    csrmodels does not import PyYAML.
    """
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def construct_bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
        return _GO_BOOLS[loader.construct_scalar(node).lower()]

    loader: type[yaml.SafeLoader] = type(
        "ManifestLoader", (base,), {"yaml_implicit_resolvers": _go_resolvers(base)}
    )
    loader.add_constructor(_BOOL_TAG, construct_bool)
    return loader


@functools.cache
def _yaml_dumper() -> type[yaml.SafeDumper]:
    """The safe dumper, quoting what kubectl would misread, as kubectl does."""
    import yaml

    base: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    def represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        # kubectl double-quotes what would read back as another type ("True",
        # "y", "48211", timestamps) and writes multi-line text as a literal block.
        tag = dumper.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, value, _PLAIN
        )
        style: str | None = None
        if "\n" in value:
            style = "|"
        elif tag != _STR_TAG:
            style = '"'
        return dumper.represent_scalar(_STR_TAG, value, style=style)

    def ignore_aliases(self: yaml.SafeDumper, data: Any) -> bool:
        return True

    # The dumper keeps the timestamp resolver: a timestamp-like string is then
    # quoted, as kubectl quotes creationTimestamp.
    resolvers = _go_resolvers(base, keep_timestamps=True)
    dumper: type[yaml.SafeDumper] = type(
        "ManifestDumper",
        (base,),
        {"ignore_aliases": ignore_aliases, "yaml_implicit_resolvers": resolvers},
    )
    dumper.add_representer(str, represent_str)
    return dumper


def _go_resolvers(
    base: type[Any], *, keep_timestamps: bool = False
) -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """PyYAML's implicit resolvers, adjusted to go-yaml v2's reading of scalars."""
    resolvers = {
        first: [
            (tag, regex)
            for tag, regex in entries
            if keep_timestamps or tag != _TIMESTAMP_TAG
        ]
        for first, entries in base.yaml_implicit_resolvers.items()
    }
    for first in "yYnN":
        resolvers.setdefault(first, []).append((_BOOL_TAG, _GO_SHORT_BOOL))
    return resolvers


def _dump_json(data: dict[str, Any]) -> str:
    return dumps_like_go(data, indent=4) + "\n"


def _dump_yaml(data: Any) -> str:
    """Write plain data as kubectl writes YAML."""
    import yaml

    if isinstance(data, dict):
        data = _manifest_order(data)
    text: str = yaml.dump(
        data,
        Dumper=_yaml_dumper(),
        default_flow_style=False,
        sort_keys=False,
        allow_unicode=True,
        width=1 << 30,
    )
    return text


def _manifest_order(data: dict[str, Any]) -> dict[str, Any]:
    """Put `apiVersion` before `kind`, as hand-written manifests have them."""
    if "kind" not in data or "apiVersion" not in data:
        return data
    ordered = {"apiVersion": data["apiVersion"], "kind": data["kind"]}
    ordered.update(data)
    items = ordered.get("items")
    if isinstance(items, list):
        ordered["items"] = [
            _manifest_order(item) if isinstance(item, dict) else item for item in items
        ]
    return ordered
