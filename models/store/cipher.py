"""Encryption at rest for the SQLite file (SQLCipher), with a passphrase and a recovery key.

The design, kept small:

- The database is encrypted with a random-looking 256-bit *data key*, handed to SQLCipher as a
  raw key (``PRAGMA key = "x'…'"``, no key derivation on every open). The data key is derived
  from the **recovery key** (30 base32 characters, 150 random bits) by SHA-256, so the recovery
  key alone opens the database and every backup of it, even when nothing else survives.
- The **passphrase** the clerk types opens it through a small sidecar file beside the database
  (``yishi.sqlite3.keys``, JSON): the data key XOR-ed with a one-time pad derived by scrypt from
  the passphrase and a fresh random salt, and an HMAC that tells a wrong passphrase from a right
  one. Losing the sidecar loses only the passphrase, never the data.
- A file is encrypted when it does not start with SQLite's header, "SQLite format 3\\0".

Passwords reach the engine through `offer_password` (the command line's ``--db-password-stdin``
or ``YISHI_DB_PASSWORD``, the window's passphrase dialog); `database_key` turns them into the
data key for one file. Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.domain.errors import DomainError

if TYPE_CHECKING:
    import sqlite3

SQLITE_HEADER = b"SQLite format 3\x00"
KEYS_SUFFIX = ".keys"
RECOVERY_GROUPS, RECOVERY_GROUP_SIZE = 6, 5
_RECOVERY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_DATA_KEY_LABEL = b"yishi-sqlcipher-data-key-v1\x00"
# scrypt at 2**15 × 8: about 32 MiB and a tenth of a second per try on an office PC.
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
MIN_PASSWORD_LENGTH = 8
_MIN_PAGE = 512

_offered: list[str] = []
_unlocked: dict[Path, str] = {}


# -- what the clerk gives --------------------------------------------------------------------


def offer_password(secret: str | None) -> None:
    """A passphrase or recovery key given in this process; tried on every encrypted file."""
    if secret and secret not in _offered:
        _offered.append(secret)


def unlock(path: Path, secret: str) -> None:
    """One secret for one encrypted file: kept when it opens the file, dropped and refused if not."""
    offer_password(secret)
    try:
        database_key(path)
    except DomainError:
        if secret in _offered:
            _offered.remove(secret)
        raise


def forget_passwords() -> None:
    _offered.clear()
    _unlocked.clear()


# -- looking at a file ------------------------------------------------------------------------


def is_encrypted(path: Path) -> bool:
    """Whether the file looks like SQLCipher's: whole pages (SQLite's sizes are multiples of
    512 bytes) without SQLite's plain header. An encrypted file is indistinguishable from random
    bytes, so a text file or a truncated one counts as not a database at all, not as encrypted."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
            size = os.fstat(handle.fileno()).st_size
    except (FileNotFoundError, IsADirectoryError):
        return False
    except OSError as exc:
        raise DomainError(
            "database_unusable", detail=f"无法读取数据库文件 {path}（{exc.strerror}）"
        ) from exc
    return head != SQLITE_HEADER and size >= _MIN_PAGE and size % _MIN_PAGE == 0


def keys_path(path: Path) -> Path:
    return path.with_name(path.name + KEYS_SUFFIX)


# -- keys -------------------------------------------------------------------------------------


def new_recovery_key() -> str:
    """Six groups of five base32 characters: 150 random bits, easy to print and to type."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(30))
    size = RECOVERY_GROUP_SIZE
    return "-".join(chars[i : i + size] for i in range(0, len(chars), size))


def normal_recovery_key(text: str) -> str | None:
    """The 30 characters of a recovery key as typed (any case, spaces or dashes), else None."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\r\n")
    wanted = RECOVERY_GROUPS * RECOVERY_GROUP_SIZE
    if len(cleaned) != wanted or any(ch not in _RECOVERY_ALPHABET for ch in cleaned):
        return None
    return cleaned


def data_key_from_recovery(recovery: str) -> bytes:
    normal = normal_recovery_key(recovery)
    if normal is None:
        raise ValueError("not a recovery key")
    return hashlib.sha256(_DATA_KEY_LABEL + normal.encode("ascii")).digest()


def raw_key(data_key: bytes) -> str:
    """SQLCipher's raw-key form: the value of PRAGMA key, quoted as an identifier by the caller."""
    return f"x'{data_key.hex()}'"


def _pad(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, dklen=64, maxmem=64 * 1024 * 1024, **_SCRYPT
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def wrap_key(data_key: bytes, passphrase: str) -> dict[str, Any]:
    """The sidecar's content: the data key under a one-time pad from the passphrase."""
    salt = secrets.token_bytes(16)
    pad = _pad(passphrase, salt)
    wrapped = bytes(a ^ b for a, b in zip(data_key, pad[:32], strict=True))
    tag = hmac.new(pad[32:], salt + wrapped, hashlib.sha256).digest()
    return {
        "format": "yishi-sqlcipher-keys",
        "version": 1,
        "kdf": {"name": "scrypt", **_SCRYPT, "salt": _b64(salt)},
        "wrapped_key": _b64(wrapped),
        "hmac_sha256": _b64(tag),
    }


def unwrap_key(content: dict[str, Any], passphrase: str) -> bytes | None:
    """The data key, or None when the passphrase is not the one the sidecar was made with."""
    try:
        salt = base64.b64decode(content["kdf"]["salt"])
        wrapped = base64.b64decode(content["wrapped_key"])
        tag = base64.b64decode(content["hmac_sha256"])
    except (KeyError, TypeError, ValueError):
        return None
    pad = _pad(passphrase, salt)
    expected = hmac.new(pad[32:], salt + wrapped, hashlib.sha256).digest()
    if len(wrapped) != 32 or not hmac.compare_digest(tag, expected):
        return None
    return bytes(a ^ b for a, b in zip(wrapped, pad[:32], strict=True))


def write_keys_file(path: Path, content: dict[str, Any]) -> None:
    """Beside the database, written whole (temporary name, fsync, rename)."""
    target = keys_path(path)
    temporary = target.with_name(target.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(content, handle, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)


def _read_keys_file(path: Path) -> dict[str, Any] | None:
    try:
        content = json.loads(keys_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return content if isinstance(content, dict) else None


# -- opening ----------------------------------------------------------------------------------


def driver() -> Any:
    """sqlcipher3 (SQLite with SQLCipher built in), imported only when a file is encrypted."""
    import sqlcipher3  # type: ignore[import-untyped]

    return sqlcipher3


def connect_file(path: Path, key: str | None = None, *, uri: bool = False) -> sqlite3.Connection:
    """A SQLCipher connection to a file, keyed (raw key) or plain; typed as sqlite3's."""
    connection = driver().connect(str(path), uri=uri, isolation_level=None)
    if key is not None:
        connection.execute(f'PRAGMA key = "{key}"')
    return connection  # type: ignore[no-any-return]


def opens_with(path: Path, key: str) -> bool:
    """Whether the raw key decrypts the file (SQLCipher says "file is not a database" if not)."""
    try:
        with closing(connect_file(Path(f"file:{path}?mode=ro"), key, uri=True)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver().DatabaseError:
        return False
    return True


def candidate_keys(path: Path, secret: str) -> list[str]:
    """The raw keys one secret can stand for: as a recovery key, and through the sidecar."""
    keys = []
    if normal_recovery_key(secret) is not None:
        keys.append(raw_key(data_key_from_recovery(secret)))
    content = _read_keys_file(path)
    if content is not None:
        unwrapped = unwrap_key(content, secret)
        if unwrapped is not None:
            keys.append(raw_key(unwrapped))
    return keys


def database_key(path: Path) -> str:
    """The raw key for an encrypted file from the secrets offered; refuses when none fits."""
    resolved = path.resolve()
    if resolved in _unlocked:
        return _unlocked[resolved]
    if not _offered:
        if not keys_path(resolved).exists():
            # No SQLite header and no keys file: as likely a damaged file as an encrypted one.
            raise DomainError(
                "database_unusable",
                detail="数据库文件的开头不是 SQLite 数据库：文件可能已损坏（请用 yishi db restore "
                "恢复最近的备份），也可能是加密数据库而没有给出密码（命令行用 --db-password-stdin "
                "或环境变量 YISHI_DB_PASSWORD）",
            )
        raise DomainError("database_password_required", path=str(path))
    for secret in _offered:
        for key in candidate_keys(resolved, secret):
            if opens_with(resolved, key):
                _unlocked[resolved] = key
                return key
    raise DomainError("database_password_wrong", path=str(path))


def key_for_file(path: Path) -> str | None:
    """None for a plain or missing file; the raw key for an encrypted one (or a refusal)."""
    if not is_encrypted(path):
        return None
    key = database_key(path)
    if aside_path(path).exists():  # `db encrypt` was interrupted while it overwrote the plain file
        scrub_file(aside_path(path))
    return key


@dataclass(frozen=True)
class NewKeys:
    """What `yishi db encrypt` makes: the raw key, the sidecar's content, the recovery key."""

    key: str
    keys_file: dict[str, Any]
    recovery_key: str


def new_keys(passphrase: str) -> NewKeys:
    if len(passphrase) < MIN_PASSWORD_LENGTH:
        raise DomainError("database_password_short", length=MIN_PASSWORD_LENGTH)
    recovery = new_recovery_key()
    data_key = data_key_from_recovery(recovery)
    return NewKeys(raw_key(data_key), wrap_key(data_key, passphrase), recovery)


def remember_key(path: Path, key: str) -> None:
    """After converting: this process opens the new file with the key it just made."""
    _unlocked[path.resolve()] = key


def forget_key(path: Path) -> None:
    _unlocked.pop(path.resolve(), None)


def aside_path(path: Path) -> Path:
    """The old content's second name while it is overwritten (a hard link)."""
    return path.with_name(path.name + ".old")


def scrub_file(aside: Path) -> bool:
    """Overwrite a file with zeros, fsync, delete it; False if it could not be overwritten."""
    try:
        size = aside.stat().st_size
        with aside.open("r+b") as handle:
            block = b"\x00" * 65536
            for _ in range(0, size, len(block)):
                handle.write(block)
            handle.flush()
            os.fsync(handle.fileno())
        return True
    except OSError:
        return False
    finally:
        aside.unlink(missing_ok=True)
