"""Keys, PEM requests and certificates generated for the validation tests."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from functools import cache

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.x509.oid import NameOID

from csrmodels import (
    CertificateSigningRequest,
    CertificateSigningRequestSpec,
    ObjectMeta,
)

PrivateKey = (
    rsa.RSAPrivateKey
    | ec.EllipticCurvePrivateKey
    | ed25519.Ed25519PrivateKey
    | ed448.Ed448PrivateKey
    | dsa.DSAPrivateKey
)

SIGNER = "example.com/signer"
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@cache
def key(kind: str) -> PrivateKey:
    """A private key of one kind, made once per test session."""
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if kind == "p256":
        return ec.generate_private_key(ec.SECP256R1())
    if kind == "p384":
        return ec.generate_private_key(ec.SECP384R1())
    if kind == "secp256k1":
        return ec.generate_private_key(ec.SECP256K1())
    if kind == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    if kind == "ed448":
        return ed448.Ed448PrivateKey.generate()
    if kind == "dsa":
        return dsa.generate_private_key(key_size=1024)
    if kind == "rsa512":
        return _weak_rsa_key()
    raise ValueError(kind)


def _probable_prime(bits: int) -> int:
    # cryptography refuses to generate RSA keys under 1024 bits, so the primes
    # of a weak key are found here (Miller-Rabin with 12 fixed bases).
    bases = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)
    while True:
        candidate = secrets.randbits(bits) | (3 << (bits - 2)) | 1
        if any(candidate % base == 0 for base in bases):
            continue
        odd, twos = candidate - 1, 0
        while odd % 2 == 0:
            odd, twos = odd // 2, twos + 1
        if all(_witness_passes(base, odd, twos, candidate) for base in bases):
            return candidate


def _witness_passes(base: int, odd: int, twos: int, candidate: int) -> bool:
    value = pow(base, odd, candidate)
    if value in (1, candidate - 1):
        return True
    for _ in range(twos - 1):
        value = pow(value, 2, candidate)
        if value == candidate - 1:
            return True
    return False


def _weak_rsa_key() -> rsa.RSAPrivateKey:
    exponent = 65537
    while True:
        p, q = _probable_prime(256), _probable_prime(256)
        phi = (p - 1) * (q - 1)
        if p != q and phi % exponent:
            break
    d = pow(exponent, -1, phi)
    numbers = rsa.RSAPrivateNumbers(
        p=p,
        q=q,
        d=d,
        dmp1=d % (p - 1),
        dmq1=d % (q - 1),
        iqmp=pow(q, -1, p),
        public_numbers=rsa.RSAPublicNumbers(exponent, p * q),
    )
    return numbers.private_key(unsafe_skip_rsa_key_validation=True)


def _hash(private_key: PrivateKey) -> hashes.SHA256 | None:
    if isinstance(private_key, ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey):
        return None
    return hashes.SHA256()


@cache
def request_der(kind: str = "p256", common_name: str = "alice") -> bytes:
    """A DER PKCS#10 request signed with `key(kind)`."""
    private_key = key(kind)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    builder = x509.CertificateSigningRequestBuilder().subject_name(subject)
    csr = builder.sign(private_key, _hash(private_key))
    return csr.public_bytes(serialization.Encoding.DER)


def pem(der: bytes, label: str = "CERTIFICATE REQUEST", headers: str = "") -> bytes:
    """Wrap DER bytes in a PEM block, lines of 64 characters."""
    import base64

    body = base64.b64encode(der).decode("ascii")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    text = f"-----BEGIN {label}-----\n{headers}" + "\n".join(lines)
    return (text + f"\n-----END {label}-----\n").encode("ascii")


def request_pem(kind: str = "p256") -> bytes:
    """A PEM request signed with `key(kind)`."""
    return pem(request_der(kind))


def tampered_request_pem() -> bytes:
    """A PEM request whose signature does not verify (last byte flipped)."""
    der = bytearray(request_der("p256", "tampered"))
    der[-1] ^= 0x01
    return pem(bytes(der))


@cache
def certificate_der(common_name: str = "issued") -> bytes:
    """A self-signed DER certificate."""
    private_key = key("p256")
    assert isinstance(private_key, ec.EllipticCurvePrivateKey)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private_key.public_key())
        .serial_number(1)
        .not_valid_before(NOW)
        .not_valid_after(NOW + timedelta(days=1))
        .sign(private_key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.DER)


def certificate_pem(common_name: str = "issued") -> bytes:
    """A self-signed PEM certificate."""
    return pem(certificate_der(common_name), "CERTIFICATE")


def make_csr(
    *,
    request: bytes | None = None,
    signer_name: str = SIGNER,
    usages: tuple[str, ...] = ("digital signature", "client auth"),
    name: str = "csr-1",
    resource_version: str = "",
    expiration_seconds: int | None = None,
) -> CertificateSigningRequest:
    """A valid CSR model, with the fields a test wants to change."""
    return CertificateSigningRequest(
        metadata=ObjectMeta(name=name, resource_version=resource_version),
        spec=CertificateSigningRequestSpec(
            request=request_pem() if request is None else request,
            signer_name=signer_name,
            usages=usages,
            expiration_seconds=expiration_seconds,
        ),
    )


def _tlv(tag: int, body: bytes) -> bytes:
    size = len(body)
    if size < 0x80:
        return bytes([tag, size]) + body
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + body


# AlgorithmIdentifier DER of signature algorithms cryptography will not sign with.
SHA1_WITH_RSA = _tlv(
    0x30, _tlv(0x06, bytes.fromhex("2a864886f70d010105")) + b"\x05\x00"
)
MD5_WITH_RSA = _tlv(0x30, _tlv(0x06, bytes.fromhex("2a864886f70d010104")) + b"\x05\x00")
MD2_WITH_RSA = _tlv(0x30, _tlv(0x06, bytes.fromhex("2a864886f70d010102")) + b"\x05\x00")
ECDSA_WITH_SHA1 = _tlv(0x30, _tlv(0x06, bytes.fromhex("2a8648ce3d0401")))


def resigned_request_pem(
    kind: str, algorithm: bytes, digest: hashes.HashAlgorithm
) -> bytes:
    """A request of `key(kind)` signed with `digest` under the given algorithm DER."""
    from cryptography.hazmat.primitives.asymmetric import padding

    private_key = key(kind)
    tbs = x509.load_der_x509_csr(request_der(kind)).tbs_certrequest_bytes
    if isinstance(private_key, rsa.RSAPrivateKey):
        signature = private_key.sign(tbs, padding.PKCS1v15(), digest)
    else:
        assert isinstance(private_key, ec.EllipticCurvePrivateKey)
        signature = private_key.sign(tbs, ec.ECDSA(digest))
    der = _tlv(0x30, tbs + algorithm + _tlv(0x03, b"\x00" + signature))
    return pem(der)
