"""The encrypted pseudonym key: which real name each pseudonym stands for.

Written only when the user asks (``--key-out``), encrypted under a passphrase:
the key is derived with scrypt and the table sealed with AES-256-GCM, whose tag
also authenticates the header, so a wrong passphrase or a tampered file is
refused rather than misread.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from redactor.errors import KeyFileError
from redactor.safe_io import publish_atomically

FORMAT = "redactor-pseudonym-key"
VERSION = 1
# scrypt cost: about a tenth of a second and 32 MiB on a school laptop.
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
MIN_PASSPHRASE = 8


def write_key_file(path: Path, mapping: dict[str, str], passphrase: str, *, force: bool) -> None:
    """Encrypt ``mapping`` (pseudonym -> original) to ``path``, atomically."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyFileError(f"the passphrase must be at least {MIN_PASSPHRASE} characters")
    salt, nonce = os.urandom(16), os.urandom(12)
    header = {
        "format": FORMAT,
        "version": VERSION,
        "kdf": "scrypt",
        **_SCRYPT,
        "salt": _b64(salt),
        "cipher": "AES-256-GCM",
        "nonce": _b64(nonce),
    }
    plaintext = json.dumps(mapping, ensure_ascii=False, sort_keys=True).encode("utf-8")
    sealed = AESGCM(_derive(passphrase, salt, _SCRYPT)).encrypt(
        nonce, plaintext, _associated_data(header)
    )
    document = json.dumps({**header, "ciphertext": _b64(sealed)}, indent=2).encode("utf-8")
    try:
        publish_atomically(path, lambda temp: temp.write_bytes(document), force=force)
    except OSError as exc:
        raise KeyFileError(f"cannot write the key file {path}: {exc.strerror}") from None


def read_key_file(path: Path, passphrase: str) -> dict[str, str]:
    """Decrypt a key file; a wrong passphrase or any damage is a :class:`KeyFileError`."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyFileError(f"the key file {path} does not exist") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise KeyFileError(f"{path} is not a redactor key file") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise KeyFileError(f"{path} is not a redactor key file")
    if document.get("version") != VERSION:
        raise KeyFileError(
            f"{path} was written by a newer redactor (version {document.get('version')})"
        )
    try:
        header = {k: v for k, v in document.items() if k != "ciphertext"}
        cost = {k: int(document[k]) for k in _SCRYPT}
        key = _derive(passphrase, base64.b64decode(document["salt"]), cost)
        plaintext = AESGCM(key).decrypt(
            base64.b64decode(document["nonce"]),
            base64.b64decode(document["ciphertext"]),
            _associated_data(header),
        )
    except InvalidTag:
        raise KeyFileError("wrong passphrase, or the key file has been altered") from None
    except (KeyError, ValueError, TypeError):
        raise KeyFileError(f"the key file {path} is damaged") from None
    mapping = json.loads(plaintext.decode("utf-8"))
    if not isinstance(mapping, dict):
        raise KeyFileError(f"the key file {path} is damaged")
    return {str(k): str(v) for k, v in mapping.items()}


def _derive(passphrase: str, salt: bytes, cost: dict[str, int]) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=cost["n"], r=cost["r"], p=cost["p"])
    return kdf.derive(passphrase.encode("utf-8"))


def _associated_data(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True).encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
