"""
Go's `CertificateRequest.CheckSignature`, over `cryptography`'s primitives.

`cryptography`'s own `is_signature_valid` refuses SHA-1 signatures, which Go
accepts on requests, so the signature is verified here with the algorithms Go
knows: PKCS#1 v1.5 with SHA-1/256/384/512, PSS with SHA-256/384/512 (MGF1 over
the same hash, a salt as long as the hash), ECDSA with SHA-1/256/384/512, and
Ed25519. MD5 is refused as insecure; MD2, which Go knows by name but has no
hash for, is unimplemented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.padding import PSS
    from cryptography.hazmat.primitives.hashes import HashAlgorithm
    from cryptography.x509 import CertificateSigningRequest

__all__ = ["UNIMPLEMENTED", "signature_error"]

UNIMPLEMENTED = "x509: cannot verify signature: algorithm unimplemented"
_PSS_HASHES = frozenset({"sha256", "sha384", "sha512"})


def signature_error(csr: CertificateSigningRequest) -> str | None:
    """Why Go refuses the self-signature of `csr`, or None if it verifies."""
    from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
    from cryptography.x509.oid import SignatureAlgorithmOID as Oid

    pkcs1 = {
        Oid.RSA_WITH_SHA1: hashes.SHA1(),
        Oid.RSA_WITH_SHA256: hashes.SHA256(),
        Oid.RSA_WITH_SHA384: hashes.SHA384(),
        Oid.RSA_WITH_SHA512: hashes.SHA512(),
    }
    ecdsa = {
        Oid.ECDSA_WITH_SHA1: hashes.SHA1(),
        Oid.ECDSA_WITH_SHA256: hashes.SHA256(),
        Oid.ECDSA_WITH_SHA384: hashes.SHA384(),
        Oid.ECDSA_WITH_SHA512: hashes.SHA512(),
    }
    oid = csr.signature_algorithm_oid
    if oid == Oid.RSA_WITH_MD5:
        return "x509: cannot verify signature: insecure algorithm MD5-RSA"

    key = csr.public_key()
    signature, signed = csr.signature, csr.tbs_certrequest_bytes
    try:
        if oid in pkcs1 or oid == Oid.RSASSA_PSS:
            if not isinstance(key, rsa.RSAPublicKey):
                return _mismatch("RSA", key)
            if oid in pkcs1:
                key.verify(signature, signed, padding.PKCS1v15(), pkcs1[oid])
                return None
            parameters = csr.signature_algorithm_parameters
            algorithm = csr.signature_hash_algorithm
            if not isinstance(parameters, padding.PSS) or not _go_pss(
                parameters, algorithm
            ):
                return UNIMPLEMENTED
            assert algorithm is not None  # _go_pss checked it
            key.verify(signature, signed, parameters, algorithm)
            return None
        if oid in ecdsa:
            if not isinstance(key, ec.EllipticCurvePublicKey):
                return _mismatch("ECDSA", key)
            key.verify(signature, signed, ec.ECDSA(ecdsa[oid]))
            return None
        if oid == Oid.ED25519:
            if not isinstance(key, ed25519.Ed25519PublicKey):
                return _mismatch("Ed25519", key)
            key.verify(signature, signed)
            return None
    except InvalidSignature:
        return _failure(key)
    except (ValueError, UnsupportedAlgorithm):
        # Parameters cryptography cannot read, or a signature of the wrong shape
        # for its key: Go does not verify these either.
        return _failure(key)
    return UNIMPLEMENTED


def _go_pss(parameters: PSS, algorithm: HashAlgorithm | None) -> bool:
    # Go's getSignatureAlgorithmFromAI knows PSS only with SHA-256/384/512, MGF1
    # over that same hash and a salt as long as the hash; any other parameters
    # make an unknown algorithm, which CheckSignature does not implement.
    from cryptography.hazmat.primitives.asymmetric import padding

    if algorithm is None or algorithm.name not in _PSS_HASHES:
        return False
    mgf = parameters.mgf
    # cryptography keeps the parsed MGF1 hash and salt length in private fields.
    return (
        isinstance(mgf, padding.MGF1)
        and mgf._algorithm.name == algorithm.name
        and parameters._salt_length == algorithm.digest_size
    )


def _mismatch(expected: str, key: object) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    if isinstance(key, rsa.RSAPublicKey):
        go_type = "*rsa.PublicKey"
    elif isinstance(key, ec.EllipticCurvePublicKey):
        go_type = "*ecdsa.PublicKey"
    else:
        go_type = "ed25519.PublicKey"
    return (
        f"x509: signature algorithm specifies an {expected} public key, but have "
        f"public key of type {go_type}"
    )


def _failure(key: object) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    if isinstance(key, rsa.RSAPublicKey):
        return "crypto/rsa: verification error"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "x509: ECDSA verification failure"
    return "x509: Ed25519 verification failure"
