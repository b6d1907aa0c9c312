"""
The ObjectMeta rules for a cluster-scoped object (apimachinery's
`ValidateObjectMeta`/`ValidateObjectMetaUpdate` plus the finalizer-name check of
pkg/apis/core/validation).

As in Go, an update re-checks labels, annotations, owner references, managed
fields and finalizer names, so a bad label on an update is reported twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from csrmodels._meta import ObjectMeta, OwnerReference
from csrmodels._validation._field import (
    FieldError,
    forbidden,
    go_quote,
    invalid,
    required,
    too_long,
)
from csrmodels._validation._syntax import byte_len, label_value, qualified_name

__all__ = ["validate_meta_create", "validate_meta_update", "validate_path_segment"]

_META = "metadata"
_ANNOTATIONS_MAX = 256 * 1024
_FIELD_MANAGER_MAX = 128
_SUBRESOURCE_MAX = 256
_STANDARD_FINALIZERS = frozenset({"kubernetes", "orphan", "foregroundDeletion"})
_ZERO_TIME = datetime(1, 1, 1, tzinfo=UTC)  # how Go prints an unset metav1.Time
_IMMUTABLE = "field is immutable"


def validate_meta_create(meta: ObjectMeta) -> list[FieldError]:
    """The rules every stored CSR's metadata must pass."""
    errors = []
    if not meta.name:
        errors.append(required(f"{_META}.name", "name or generateName is required"))
    if meta.namespace:
        errors.append(forbidden(f"{_META}.namespace", "not allowed on this type"))
    if meta.generation < 0:
        errors.append(
            invalid(
                f"{_META}.generation",
                meta.generation,
                "must be greater than or equal to 0",
            )
        )
    errors.extend(_common(meta, with_finalizers=True))
    errors.extend(_kube_finalizer_names(meta.finalizers))
    return errors


def validate_path_segment(meta: ObjectMeta) -> list[FieldError]:
    """
    The name rule of the generic REST layer: the name is a URL path segment.

    The API server applies it on create once the CSR rules have passed, with
    `generateName` checked as a prefix.
    """
    errors = [
        invalid(f"{_META}.generateName", meta.generate_name, f"may not contain '{c}'")
        for c in ("/", "%")
        if c in meta.generate_name
    ]
    # An empty name never gets here: the CSR rules already reported it.
    if meta.name in (".", ".."):
        errors.append(invalid(f"{_META}.name", meta.name, f"may not be '{meta.name}'"))
    else:
        errors.extend(
            invalid(f"{_META}.name", meta.name, f"may not contain '{c}'")
            for c in ("/", "%")
            if c in meta.name
        )
    return errors


def validate_meta_update(new: ObjectMeta, old: ObjectMeta) -> list[FieldError]:
    """The rules on what an update may change in metadata."""
    errors = []
    if old.deletion_timestamp is not None:
        added = sorted(set(new.finalizers) - set(old.finalizers))
        if added:
            shown = ", ".join(go_quote(name) for name in added)
            detail = (
                "no new finalizers can be added if the object is being deleted, "
                f"found new finalizers []string{{{shown}}}"
            )
            errors.append(forbidden(f"{_META}.finalizers", detail))
    if not new.resource_version:
        errors.append(
            invalid(f"{_META}.resourceVersion", "", "must be specified for an update")
        )
    if new.generation < old.generation:
        errors.append(
            invalid(f"{_META}.generation", new.generation, "must not be decremented")
        )

    immutable: tuple[tuple[str, object, object], ...] = (
        ("name", new.name, old.name),
        ("namespace", new.namespace, old.namespace),
        ("uid", new.uid, old.uid),
        (
            "creationTimestamp",
            new.creation_timestamp or _ZERO_TIME,
            old.creation_timestamp or _ZERO_TIME,
        ),
        ("deletionTimestamp", new.deletion_timestamp, old.deletion_timestamp),
        (
            "deletionGracePeriodSeconds",
            new.deletion_grace_period_seconds,
            old.deletion_grace_period_seconds,
        ),
    )
    for name, new_value, old_value in immutable:
        if new_value != old_value:
            errors.append(invalid(f"{_META}.{name}", new_value, _IMMUTABLE))

    errors.extend(_common(new, with_finalizers=False))
    errors.extend(_kube_finalizer_names(new.finalizers))
    return errors


def _common(meta: ObjectMeta, *, with_finalizers: bool) -> list[FieldError]:
    errors: list[FieldError] = []
    labels = f"{_META}.labels"
    for key, value in meta.labels.items():
        errors.extend(invalid(labels, key, msg) for msg in qualified_name(key))
        errors.extend(invalid(labels, value, msg) for msg in label_value(value))

    annotations = f"{_META}.annotations"
    for key in meta.annotations:
        errors.extend(
            invalid(annotations, key, msg) for msg in qualified_name(key.lower())
        )
    size = sum(byte_len(k) + byte_len(v) for k, v in meta.annotations.items())
    if size > _ANNOTATIONS_MAX:
        errors.append(too_long(annotations, "", _ANNOTATIONS_MAX))

    errors.extend(_owner_references(meta.owner_references))
    if with_finalizers:
        errors.extend(_finalizers(meta.finalizers))
    errors.extend(_managed_fields(meta))
    return errors


def _owner_references(refs: tuple[OwnerReference, ...]) -> list[FieldError]:
    path = f"{_META}.ownerReferences"
    errors = []
    first_controller = ""
    for ref in refs:
        group, version = _group_version(ref.api_version)
        if not version:
            errors.append(
                invalid(
                    f"{path}.apiVersion", ref.api_version, "version must not be empty"
                )
            )
        for name, value in (("kind", ref.kind), ("name", ref.name), ("uid", ref.uid)):
            if not value:
                detail = f"{name} must not be empty"
                errors.append(invalid(f"{path}.{name}", value, detail))
        if (group, version, ref.kind) == ("", "v1", "Event"):
            detail = "/v1, Kind=Event is disallowed from being an owner"
            errors.append(invalid(path, ref, detail))
        if ref.controller:
            current = f"{ref.kind}/{ref.name}"
            if first_controller:
                detail = (
                    'Only one reference can have Controller set to true. Found "true" '
                    f"in references for {first_controller} and {current}"
                )
                errors.append(invalid(path, refs, detail))
            else:
                first_controller = current
    return errors


def _group_version(api_version: str) -> tuple[str, str]:
    # schema.ParseGroupVersion; an unparsable value leaves both parts empty.
    if api_version in ("", "/"):
        return "", ""
    slashes = api_version.count("/")
    if slashes == 0:
        return "", api_version
    if slashes == 1:
        group, _, version = api_version.partition("/")
        return group, version
    return "", ""


def _finalizers(finalizers: Iterable[str]) -> list[FieldError]:
    path = f"{_META}.finalizers"
    names = tuple(finalizers)
    errors = [
        invalid(path, name, msg) for name in names for msg in qualified_name(name)
    ]
    if "orphan" in names and "foregroundDeletion" in names:
        detail = "finalizer orphan and foregroundDeletion cannot be both set"
        errors.append(invalid(path, names, detail))
    return errors


def _kube_finalizer_names(finalizers: Iterable[str]) -> list[FieldError]:
    detail = "name is neither a standard finalizer name nor is it fully qualified"
    return [
        invalid(f"{_META}.finalizers[{index}]", name, detail)
        for index, name in enumerate(finalizers)
        if "/" not in name and name not in _STANDARD_FINALIZERS
    ]


def _managed_fields(meta: ObjectMeta) -> list[FieldError]:
    errors = []
    for index, entry in enumerate(meta.managed_fields):
        path = f"{_META}.managedFields[{index}]"
        if entry.operation not in ("Apply", "Update"):
            errors.append(
                invalid(
                    f"{path}.operation", entry.operation, "must be `Apply` or `Update`"
                )
            )
        if entry.fields_type and entry.fields_type != "FieldsV1":
            errors.append(
                invalid(f"{path}.fieldsType", entry.fields_type, "must be `FieldsV1`")
            )
        manager = entry.manager
        if byte_len(manager) > _FIELD_MANAGER_MAX:
            errors.append(too_long(f"{path}.manager", manager, _FIELD_MANAGER_MAX))
        position = 0
        for char in manager:
            if "\ud800" <= char <= "\udfff":
                char = "\ufffd"  # what Go's JSON decoder makes of a lone surrogate
            if not (char == " " or (char.isprintable() and not char.isspace())):
                detail = f"invalid character {_go_rune(char)} (at position {position})"
                errors.append(invalid(f"{path}.manager", manager, detail))
            position += byte_len(char)
        if byte_len(entry.subresource) > _SUBRESOURCE_MAX:
            errors.append(
                too_long(f"{path}.subresource", entry.subresource, _SUBRESOURCE_MAX)
            )
    return errors


def _go_rune(char: str) -> str:
    # Go's %#U of a non-printable rune: U+0007 (the quoted form is left out).
    return f"U+{ord(char):04X}"
