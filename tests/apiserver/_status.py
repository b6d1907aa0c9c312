"""metav1.Status answers, as kube-apiserver writes them for CSR requests."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

GROUP = "certificates.k8s.io"
RESOURCE = "certificatesigningrequests"
KIND = "CertificateSigningRequest"


class FieldErrorLike(Protocol):
    """What the server needs of a validation error (`csrmodels.validation`)."""

    @property
    def field(self) -> str: ...

    @property
    def type(self) -> Any: ...


class ApiStatusError(Exception):
    """A request the server refuses; `status` is the body it answers with."""

    def __init__(self, status: dict[str, Any]) -> None:
        super().__init__(status["message"])
        self.status = status

    @property
    def code(self) -> int:
        """The HTTP status code of the answer."""
        code: int = self.status["code"]
        return code


def failure(
    code: int, reason: str, message: str, details: dict[str, Any] | None = None
) -> ApiStatusError:
    """A `Status` of `Failure` with the given code, reason and message."""
    status: dict[str, Any] = {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": reason,
    }
    if details is not None:
        status["details"] = details
    status["code"] = code
    return ApiStatusError(status)


def success(name: str, uid: str) -> dict[str, Any]:
    """The `Status` a DELETE answers with once the object is gone."""
    return {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Success",
        "details": {"name": name, "group": GROUP, "kind": RESOURCE, "uid": uid},
    }


def _resource_details(name: str) -> dict[str, Any]:
    return {"name": name, "group": GROUP, "kind": RESOURCE}


def not_found(name: str) -> ApiStatusError:
    """404: no CSR of that name."""
    message = f'{RESOURCE}.{GROUP} "{name}" not found'
    return failure(404, "NotFound", message, _resource_details(name))


def already_exists(name: str) -> ApiStatusError:
    """409: a CSR of that name exists already."""
    message = f'{RESOURCE}.{GROUP} "{name}" already exists'
    return failure(409, "AlreadyExists", message, _resource_details(name))


def conflict(name: str) -> ApiStatusError:
    """409: the update was based on an older resourceVersion."""
    message = (
        f'Operation cannot be fulfilled on {RESOURCE}.{GROUP} "{name}": the object '
        "has been modified; please apply your changes to the latest version and "
        "try again"
    )
    return failure(409, "Conflict", message, _resource_details(name))


def bad_request(message: str) -> ApiStatusError:
    """400: the request cannot be read."""
    return failure(400, "BadRequest", message)


def invalid(name: str, errors: Iterable[FieldErrorLike]) -> ApiStatusError:
    """
    422: the object fails validation.

    The message lists every error as apimachinery's `NewInvalid` does (brackets
    only around two or more); each cause carries the error's reason, field and
    the text after the field path.
    """
    causes = []
    texts = []
    for error in errors:
        text = str(error)
        prefix = f"{error.field}: "
        body = text[len(prefix) :] if text.startswith(prefix) else text
        causes.append(
            {"reason": error.type.value, "message": body, "field": error.field}
        )
        texts.append(text)
    listed = texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]"
    message = f'{KIND}.{GROUP} "{name}" is invalid: {listed}'
    details = {"name": name, "group": GROUP, "kind": KIND, "causes": causes}
    return failure(422, "Invalid", message, details)
