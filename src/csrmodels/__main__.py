"""`python -m csrmodels FILE`: decode a CSR JSON file and print a short summary."""

from __future__ import annotations

import sys
from pathlib import Path

from csrmodels import CertificateSigningRequest, DecodeError


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m csrmodels FILE.json", file=sys.stderr)
        return 2
    try:
        csr = CertificateSigningRequest.from_json(Path(args[0]).read_bytes())
    except (OSError, DecodeError) as exc:
        print(f"csrmodels: {args[0]}: {exc}", file=sys.stderr)
        return 2
    conditions = ",".join(c.type for c in csr.status.conditions) or "Pending"
    print(f"name:      {csr.metadata.name}")
    print(f"signer:    {csr.spec.signer_name}")
    print(f"usages:    {', '.join(csr.spec.usages)}")
    print(f"condition: {conditions}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
