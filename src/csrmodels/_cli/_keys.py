"""Private keys for `new` and `sign`: load, generate, and write with mode 0600."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Literal

from csrmodels._cli._errors import EXIT_USAGE, CommandError
from csrmodels._cli._io import read_bytes

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

    from csrmodels.x509 import RequestPrivateKey

__all__ = [
    "KeyType",
    "generate_key",
    "load_private_key",
    "signing_key",
    "write_private_key",
]

KeyType = Literal["rsa", "ecdsa", "ed25519"]

KEY_SIZES: dict[str, tuple[int, ...]] = {
    "rsa": (2048, 3072, 4096),
    "ecdsa": (256, 384, 521),
}
DEFAULT_SIZES = {"rsa": 2048, "ecdsa": 256}
# The curves Go's crypto/x509 signs with (signingParamsForKey).
_CURVES = frozenset({"secp256r1", "secp384r1", "secp521r1"})


def load_private_key(
    path: str, what: str, password_file: str | None = None
) -> PrivateKeyTypes:
    """
    Read a private key from a PEM (or DER) file, decrypting it if need be.

    Args:
        path: the key file, `-` for stdin.
        what: the option that named it, for messages (`--key`).
        password_file: a file whose first line is the key's password.

    The key's text and the password never appear in a message: errors say
    only what is wrong with the file.

    Raises:
        CommandError: a file cannot be read, or holds no usable key (exit 2).
    """
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization

    password = None
    if password_file is not None:
        option = f"{what}-password-file"
        password_label, content = read_bytes(password_file, option)
        password = content.splitlines()[0] if content.strip() else b""
        if not password:
            # cryptography takes an empty password for none at all, and would
            # then blame the key for being (or not being) encrypted.
            msg = f"{option} {password_label}: the first line is empty"
            raise CommandError(msg)

    label, data = read_bytes(path, what)
    loader = (
        serialization.load_pem_private_key
        if b"-----BEGIN" in data
        else serialization.load_der_private_key
    )
    try:
        return loader(data, password=password)
    except TypeError:
        if password is None:
            reason = (
                f"the key is encrypted; give its password with {what}-password-file"
            )
        else:
            reason = "the key is not encrypted; leave out the password file"
    except UnsupportedAlgorithm:
        reason = "the key's algorithm is not supported"
    except ValueError:
        reason = (
            "not a PEM or DER private key"
            if password is None
            else "not a PEM or DER private key, or the password is wrong"
        )
    msg = f"{what} {label}: {reason}"
    raise CommandError(msg, exit_code=EXIT_USAGE)


def signing_key(key: PrivateKeyTypes, source: str, signs: str) -> RequestPrivateKey:
    """
    Check that Go's crypto/x509 can sign with `key`, as both a request and a CA do.

    Args:
        key: the loaded key.
        source: the option and file it came from, for the message.
        signs: what it would sign, for the message (`a CSR`, `certificates`).

    Raises:
        CommandError: for another key type or ECDSA curve (exit 2).
    """
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    if isinstance(key, rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey):
        return key
    if isinstance(key, ec.EllipticCurvePrivateKey):
        if key.curve.name in _CURVES:
            return key
        kind = f"ECDSA {key.curve.name}"
    else:
        kind = type(key).__name__.removeprefix("_").removesuffix("PrivateKey")
    msg = (
        f"{source}: {kind} keys cannot sign {signs}; "
        "use RSA, ECDSA (P-256, P-384, P-521) or Ed25519"
    )
    raise CommandError(msg)


def generate_key(key_type: KeyType, size: int | None) -> RequestPrivateKey:
    """
    Make a new private key.

    Raises:
        CommandError: for a size the key type does not have (exit 2).
    """
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    if key_type == "ed25519":
        if size is not None:
            msg = "--key-size: Ed25519 keys have a fixed size; leave it out"
            raise CommandError(msg)
        return ed25519.Ed25519PrivateKey.generate()

    bits = DEFAULT_SIZES[key_type] if size is None else size
    if bits not in KEY_SIZES[key_type]:
        allowed = ", ".join(str(choice) for choice in KEY_SIZES[key_type])
        msg = f"--key-size: {key_type} keys may be {allowed} bits, not {bits}"
        raise CommandError(msg)
    if key_type == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=bits)
    curves = {256: ec.SECP256R1(), 384: ec.SECP384R1(), 521: ec.SECP521R1()}
    return ec.generate_private_key(curves[bits])


def write_private_key(path: str, key: PrivateKeyTypes) -> None:
    """
    Write `key` as unencrypted PKCS #8 PEM to a new file readable by its owner only.

    The file is created with mode 0600 in one step, and an existing file is
    never replaced.

    Raises:
        CommandError: the file exists or cannot be created (exit 2).
    """
    from cryptography.hazmat.primitives import serialization

    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        msg = f"--new-key {path}: the file exists; refusing to replace a key"
        raise CommandError(msg) from None
    except OSError as exc:
        msg = f"--new-key {path}: cannot create: {exc.strerror or type(exc).__name__}"
        raise CommandError(msg) from None
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
