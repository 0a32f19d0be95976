"""The keys of an encrypted database: recovery keys, the keys file, what counts as encrypted."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from models.domain.errors import DomainError
from models.store import cipher, cipher_files
from models.store.engine import create_database_engine, is_encrypted_engine

PASSWORD = "an office passphrase"


@pytest.fixture(autouse=True)
def _no_secrets_between_tests() -> Iterator[None]:
    cipher.forget_passwords()
    yield
    cipher.forget_passwords()


def _plain(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
        connection.executemany("INSERT INTO note (text) VALUES (?)", [("甲",), ("乙",), ("",)])
        connection.commit()
    return path


def test_recovery_keys_are_random_printable_and_typed_loosely():
    keys = {cipher.new_recovery_key() for _ in range(50)}
    assert len(keys) == 50
    for key in keys:
        assert re.fullmatch(r"(?:[A-Z2-7]{5}-){5}[A-Z2-7]{5}", key)
    key = keys.pop()
    typed = " ".join(key.lower().split("-"))
    assert cipher.data_key_from_recovery(typed) == cipher.data_key_from_recovery(key)
    assert len(cipher.data_key_from_recovery(key)) == 32
    assert cipher.normal_recovery_key(key[:-1]) is None
    assert cipher.normal_recovery_key(key.replace(key[0], "1")) is None
    assert cipher.normal_recovery_key(PASSWORD) is None


def test_the_keys_file_opens_only_with_its_passphrase():
    data_key = bytes(range(32))
    content = cipher.wrap_key(data_key, PASSWORD)
    assert cipher.unwrap_key(content, PASSWORD) == data_key
    assert cipher.unwrap_key(content, PASSWORD + " ") is None
    # The key itself is not in the file.
    assert data_key.hex() not in json.dumps(content)
    # Fresh salt each time: the same key and passphrase give different files.
    assert cipher.wrap_key(data_key, PASSWORD)["wrapped_key"] != content["wrapped_key"]
    tampered = dict(content, wrapped_key=content["hmac_sha256"])
    assert cipher.unwrap_key(tampered, PASSWORD) is None


def test_what_counts_as_encrypted(tmp_path):
    assert not cipher.is_encrypted(tmp_path / "missing.sqlite3")
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert not cipher.is_encrypted(empty)
    text = tmp_path / "notes.txt"
    text.write_text("这不是数据库\n" * 100, encoding="utf-8")
    assert not cipher.is_encrypted(text)
    assert not cipher.is_encrypted(tmp_path)
    plain = _plain(tmp_path / "plain.sqlite3")
    assert not cipher.is_encrypted(plain)
    cipher_files.encrypt_file(plain, PASSWORD)
    assert cipher.is_encrypted(plain)


def test_short_passphrase_is_refused_before_anything_is_written(tmp_path):
    path = _plain(tmp_path / "plain.sqlite3")
    before = path.read_bytes()
    with pytest.raises(DomainError) as refused:
        cipher_files.encrypt_file(path, "1234567")
    assert refused.value.code == "database_password_short"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.sqlite3"]


def test_the_engine_opens_an_encrypted_file_only_with_a_fitting_secret(tmp_path):
    path = _plain(tmp_path / "plain.sqlite3")
    done = cipher_files.encrypt_file(path, PASSWORD)
    cipher.forget_passwords()
    url = f"sqlite:///{path}"
    with pytest.raises(DomainError) as required:
        create_database_engine(url)
    assert required.value.code == "database_password_required"

    cipher.offer_password("not it at all")
    with pytest.raises(DomainError) as wrong:
        create_database_engine(url)
    assert wrong.value.code == "database_password_wrong"
    assert wrong.value.params == {"path": str(path)}

    assert done.recovery_key is not None
    cipher.offer_password(done.recovery_key)
    engine = create_database_engine(url)
    try:
        assert is_encrypted_engine(engine)
        # The key never shows where the URL is printed.
        key = cipher.raw_key(cipher.data_key_from_recovery(done.recovery_key))
        assert engine.url.password == key
        assert key[2:-1] not in str(engine.url) + repr(engine) + repr(engine.url)
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT text FROM note ORDER BY id").all()
        assert [row[0] for row in rows] == ["甲", "乙", ""]
    finally:
        engine.dispose()


def test_an_interrupted_encrypt_leaves_no_plain_copy_once_opened(tmp_path):
    path = _plain(tmp_path / "plain.sqlite3")
    cipher_files.encrypt_file(path, PASSWORD)
    leftover = tmp_path / "plain.sqlite3.old"
    leftover.write_bytes(b"SQLite format 3\x00 plain pages")
    cipher.forget_passwords()
    cipher.offer_password(PASSWORD)
    assert cipher.key_for_file(path)
    assert not leftover.exists()
