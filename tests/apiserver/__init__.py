"""
A small kube-apiserver for CertificateSigningRequests, for end-to-end tests.

It listens on 127.0.0.1 (a free port) in a background thread and serves
`/apis/certificates.k8s.io/v1/certificatesigningrequests` to real clients over
real HTTP:

- POST (create), GET one, GET the list, GET `?watch=true` (a chunked stream of
  newline-delimited ADDED/MODIFIED/DELETED events, honouring `resourceVersion`,
  `fieldSelector`, `labelSelector` and `timeoutSeconds`), PUT on the object, on
  `/status` and on `/approval`, and DELETE;
- the registry strategy of kube-apiserver before validation (server-owned
  fields on create, spec and status pinned on updates, condition timestamps
  filled on the subresources), then `csrmodels.validation`;
- refusals as `metav1.Status` objects: 400 BadRequest, 404 NotFound,
  409 AlreadyExists / Conflict (stale `resourceVersion`), 422 Invalid with
  `details.causes`, 405 for what it does not serve (PATCH).

It does not authenticate (every request acts as `TEST_USER`), run admission
plugins, keep managedFields, or serve discovery. Everything is bounded: idle
connections time out, watches end at `timeoutSeconds` or `max_watch_seconds`,
and `stop()` cuts every open connection.
"""

from __future__ import annotations

from tests.apiserver._server import COLLECTION, ApiServer, Validation
from tests.apiserver._status import ApiStatusError
from tests.apiserver._strategy import User

TEST_USER = User(
    name="kubernetes-admin",
    uid="",
    groups=("kubeadm:cluster-admins", "system:authenticated"),
    extra={},
)
"""The identity the server writes into `spec` of every CSR it creates."""

__all__ = [
    "COLLECTION",
    "TEST_USER",
    "ApiServer",
    "ApiStatusError",
    "User",
    "Validation",
]
