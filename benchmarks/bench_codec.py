"""
Time csrmodels' codec beside its peers and hand-written floors, in one run.

    python benchmarks/bench_codec.py [--items 1000] [--rounds 15]

Builds a list of realistic CSRs (real PEM requests and certificates made with
`cryptography`, two conditions and a managedFields entry each), then times, round
by round so that machine noise falls on every candidate alike:

- from_dict: csrmodels, a hand-written floor (every value pulled into tuples,
  base64 and timestamps decoded, nothing checked), lightkube-models, and the
  official `kubernetes` client's deserializer;
- to_dict: csrmodels, its own hand-written floor, lightkube-models, `kubernetes`;
- from_json and to_json: csrmodels beside `json.loads`/`json.dumps` and
  lightkube's msgspec decoder.

It prints the median of each and its ratio to the floor (for `from_dict`, also how
many times faster than the `kubernetes` client). Peers that are not installed
are skipped; `pip install -e '.[test]'` installs both.
"""

from __future__ import annotations

import argparse
import binascii
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from csrmodels import CertificateSigningRequestList

_FIELDS_V1 = {
    "f:status": {
        "f:certificate": {},
        "f:conditions": {
            ".": {},
            'k:{"type":"Approved"}': {
                ".": {},
                "f:lastTransitionTime": {},
                "f:lastUpdateTime": {},
                "f:message": {},
                "f:reason": {},
                "f:status": {},
                "f:type": {},
            },
        },
    }
}


def _pem_pairs(count: int) -> list[tuple[bytes, bytes]]:
    """Make `count` real (request, certificate) PEM pairs signed by one CA."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bench-ca")])
    start = datetime(2026, 1, 1, tzinfo=UTC)
    keys: list[Any] = [rsa.generate_private_key(65537, 2048) for _ in range(4)]
    keys += [ec.generate_private_key(ec.SECP256R1()) for _ in range(12)]
    pairs = []
    for index in range(count):
        key = keys[index % len(keys)]
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "system:nodes"),
                x509.NameAttribute(NameOID.COMMON_NAME, f"system:node:node-{index}"),
            ]
        )
        request = (
            x509.CertificateSigningRequestBuilder()
            .subject_name(subject)
            .sign(key, hashes.SHA256())
        )
        certificate = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + timedelta(days=365))
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False
            )
            .sign(ca_key, hashes.SHA256())
        )
        pairs.append(
            (
                request.public_bytes(serialization.Encoding.PEM),
                certificate.public_bytes(serialization.Encoding.PEM),
            )
        )
    return pairs


def make_list(count: int) -> dict[str, Any]:
    """A CertificateSigningRequestList wire dict of `count` issued kubelet CSRs."""
    items = []
    pairs = _pem_pairs(min(count, 64))
    for index in range(count):
        request, certificate = pairs[index % len(pairs)]
        stamp = f"2026-11-{1 + index % 28:02d}T10:{index % 60:02d}:00Z"
        items.append(
            {
                "metadata": {
                    "name": f"csr-{index:05d}",
                    "uid": f"5f0c8a3e-0000-4000-8000-{index:012d}",
                    "resourceVersion": str(100000 + index),
                    "creationTimestamp": stamp,
                    "managedFields": [
                        {
                            "manager": "kube-controller-manager",
                            "operation": "Update",
                            "apiVersion": "certificates.k8s.io/v1",
                            "time": stamp,
                            "fieldsType": "FieldsV1",
                            "fieldsV1": _FIELDS_V1,
                            "subresource": "status",
                        }
                    ],
                },
                "spec": {
                    "request": binascii.b2a_base64(request, newline=False).decode(),
                    "signerName": "kubernetes.io/kube-apiserver-client-kubelet",
                    "expirationSeconds": 86400,
                    "usages": ["digital signature", "client auth"],
                    "username": "system:bootstrap:abcdef",
                    "groups": ["system:bootstrappers", "system:authenticated"],
                },
                "status": {
                    "conditions": [
                        {
                            "type": "Approved",
                            "status": "True",
                            "reason": "AutoApproved",
                            "message": "Auto approving kubelet client certificate.",
                            "lastUpdateTime": stamp,
                            "lastTransitionTime": stamp,
                        },
                        {
                            "type": "example.com/Audited",
                            "status": "True",
                            "reason": "Logged",
                            "message": "Recorded in the audit trail.",
                            "lastUpdateTime": stamp,
                            "lastTransitionTime": stamp,
                        },
                    ],
                    "certificate": binascii.b2a_base64(
                        certificate, newline=False
                    ).decode(),
                },
            }
        )
    return {
        "apiVersion": "certificates.k8s.io/v1",
        "kind": "CertificateSigningRequestList",
        "metadata": {"resourceVersion": "200000"},
        "items": items,
    }


# The floors: straight-line code that does the same conversions as csrmodels and
# checks nothing. They mark what pure Python cannot beat.


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _frozen(value: Any) -> Any:
    if type(value) is dict:
        return tuple([(key, _frozen(item)) for key, item in value.items()])
    return value


def floor_from_dict(data: dict[str, Any]) -> tuple[Any, ...]:
    """Pull every value into tuples, decoding base64 and timestamps."""
    a2b = binascii.a2b_base64
    items = []
    for item in data["items"]:
        meta, spec, status = item["metadata"], item["spec"], item["status"]
        managed = tuple(
            [
                (
                    entry.get("manager"),
                    entry.get("operation"),
                    entry.get("apiVersion"),
                    _time(entry.get("time")),
                    entry.get("fieldsType"),
                    _frozen(entry.get("fieldsV1")),
                    entry.get("subresource"),
                )
                for entry in meta.get("managedFields", ())
            ]
        )
        conditions = tuple(
            [
                (
                    c["type"],
                    c["status"],
                    c.get("reason"),
                    c.get("message"),
                    _time(c.get("lastUpdateTime")),
                    _time(c.get("lastTransitionTime")),
                )
                for c in status.get("conditions", ())
            ]
        )
        items.append(
            (
                (
                    meta.get("name"),
                    meta.get("uid"),
                    meta.get("resourceVersion"),
                    _time(meta.get("creationTimestamp")),
                    managed,
                ),
                (
                    a2b(spec["request"]),
                    spec["signerName"],
                    spec.get("expirationSeconds"),
                    tuple(spec.get("usages", ())),
                    spec.get("username"),
                    tuple(spec.get("groups", ())),
                ),
                (conditions, a2b(status.get("certificate", ""))),
            )
        )
    return (data["metadata"].get("resourceVersion"), tuple(items))


def _stamp(value: Any) -> str:  # an aware datetime; the floor checks nothing
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}T"
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}Z"
    )


def floor_to_dict(csrs: CertificateSigningRequestList) -> dict[str, Any]:
    """Write the fields this benchmark's CSRs use, with no omission logic."""
    b2a = binascii.b2a_base64
    items = []
    for csr in csrs.items:
        meta, spec, status = csr.metadata, csr.spec, csr.status
        items.append(
            {
                "metadata": {
                    "name": meta.name,
                    "uid": meta.uid,
                    "resourceVersion": meta.resource_version,
                    "creationTimestamp": _stamp(meta.creation_timestamp),
                    "managedFields": [
                        {
                            "manager": m.manager,
                            "operation": m.operation,
                            "apiVersion": m.api_version,
                            "time": _stamp(m.time),
                            "fieldsType": m.fields_type,
                            "fieldsV1": json.loads(json.dumps(m.fields_v1)),
                            "subresource": m.subresource,
                        }
                        for m in meta.managed_fields
                    ],
                },
                "spec": {
                    "request": b2a(spec.request, newline=False).decode(),
                    "signerName": spec.signer_name,
                    "expirationSeconds": spec.expiration_seconds,
                    "usages": list(spec.usages),
                    "username": spec.username,
                    "groups": list(spec.groups),
                },
                "status": {
                    "conditions": [
                        {
                            "type": c.type,
                            "status": c.status,
                            "reason": c.reason,
                            "message": c.message,
                            "lastUpdateTime": _stamp(c.last_update_time),
                            "lastTransitionTime": _stamp(c.last_transition_time),
                        }
                        for c in status.conditions
                    ],
                    "certificate": b2a(status.certificate, newline=False).decode(),
                },
            }
        )
    return {
        "apiVersion": csrs.api_version,
        "kind": csrs.kind,
        "metadata": {"resourceVersion": csrs.metadata.resource_version},
        "items": items,
    }


def _candidates(data: dict[str, Any], text: bytes) -> dict[str, Callable[[], Any]]:
    model = CertificateSigningRequestList.from_dict(data)
    found: dict[str, Callable[[], Any]] = {
        "from_dict floor": lambda: floor_from_dict(data),
        "from_dict csrmodels": lambda: CertificateSigningRequestList.from_dict(data),
        "from_dict csrmodels pure": lambda: _decode_pure(data),
        "to_dict floor": lambda: floor_to_dict(model),
        "to_dict csrmodels": model.to_dict,
        "json.loads": lambda: json.loads(text),
        "from_json csrmodels": lambda: CertificateSigningRequestList.from_json(text),
        "json.dumps of to_dict floor": lambda: json.dumps(floor_to_dict(model)),
        "to_json csrmodels": model.to_json,
    }
    try:
        from lightkube.core.decoders import decode_list
        from lightkube.models.certificates_v1 import (
            CertificateSigningRequestList as LightkubeList,
        )
        from lightkube.resources.certificates_v1 import (
            CertificateSigningRequest as LightkubeResource,
        )
    except ImportError:
        print("lightkube-models not installed: skipped", file=sys.stderr)
    else:
        lightkube_model = LightkubeList.from_dict(data)
        found["from_dict lightkube"] = lambda: LightkubeList.from_dict(data)
        found["to_dict lightkube"] = lightkube_model.to_dict
        found["from_json lightkube"] = lambda: decode_list(text, LightkubeResource)
    try:
        from kubernetes.client import ApiClient
    except ImportError:
        print("kubernetes not installed: skipped", file=sys.stderr)
    else:
        client = ApiClient()
        deserialize = client._ApiClient__deserialize  # type: ignore[attr-defined]
        kind = "V1CertificateSigningRequestList"
        kubernetes_model = deserialize(data, kind)
        found["from_dict kubernetes"] = lambda: deserialize(data, kind)
        found["to_dict kubernetes"] = lambda: client.sanitize_for_serialization(
            kubernetes_model
        )
    return found


def _decode_pure(data: dict[str, Any]) -> Any:
    from csrmodels._decode import decode_pure

    return decode_pure(CertificateSigningRequestList, data)


def _ratio(medians: dict[str, float], name: str, base: str) -> str:
    if name not in medians or base not in medians:
        return ""
    return f"{medians[name] / medians[base]:6.2f}x {base}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()

    data = make_list(args.items)
    text = json.dumps(data).encode()
    assert CertificateSigningRequestList.from_json(text).to_dict() == data
    candidates = _candidates(data, text)
    timings: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(args.rounds):
        for name, run in candidates.items():
            gc.collect()
            start = time.perf_counter()
            run()
            timings[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(runs) for name, runs in timings.items()}

    size = len(text) / 1e6
    print(f"{args.items} CSRs, {size:.1f} MB of JSON, median of {args.rounds} rounds")
    bases = {
        "from_dict": "from_dict floor",
        "to_dict": "to_dict floor",
        "from_json": "json.loads",
        "json.loads": "json.loads",
        "json.dumps": "to_json csrmodels",
        "to_json": "json.dumps of to_dict floor",
    }
    for name, median in medians.items():
        base = next(b for prefix, b in bases.items() if name.startswith(prefix))
        line = f"{name:30} {median * 1e3:9.1f} ms  {_ratio(medians, name, base)}"
        if name == "from_dict csrmodels" and "from_dict kubernetes" in medians:
            speedup = medians["from_dict kubernetes"] / median
            line += f"   {speedup:.1f}x faster than kubernetes"
        print(line)


if __name__ == "__main__":
    main()
