"""`yishi db encrypt | decrypt`: the SQLite file to SQLCipher and back, with a recovery key."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from desktop.cli.output import print_json, say
from desktop.settings import PASSWORD_ENV, StartupSettings, read_password_line
from models.domain.errors import DomainError
from models.store.cipher_files import decrypt_file, encrypt_file
from models.store.engine import sqlite_path

LEFTOVER_WARNING = (
    "注意：在固态硬盘、U 盘和带快照的文件夹上，覆盖旧文件不能保证旧数据被彻底擦除；"
    "加密以前做的未加密备份也仍是明文，请另行妥善销毁或保管。"
)


def _database_file(settings: StartupSettings) -> Path:
    path = sqlite_path(settings.database_url)
    if path is None:
        raise DomainError("database_cipher_sqlite_only")
    return path.expanduser().resolve()


def run_encrypt(settings: StartupSettings, args: argparse.Namespace) -> int:
    path = _database_file(settings)
    passphrase = read_password_line() if args.new_password_stdin else os.environ.get(PASSWORD_ENV)
    if not passphrase:
        raise DomainError("database_password_missing")
    if not path.exists():
        # A first start: create the day-one database, then encrypt it before anything is in it.
        from desktop.database import connect

        connect(settings).engine.dispose()
    done = encrypt_file(path, passphrase)
    result = {
        "encrypted": str(done.path),
        "keys_file": str(done.keys_file),
        "recovery_key": done.recovery_key,
        "plaintext_overwritten": done.scrubbed,
        "warning": LEFTOVER_WARNING,
    }
    if args.json:
        print_json(result)
        return 0
    say(f"数据库 {done.path} 已加密。")
    say("")
    say(f"恢复密钥（只显示这一次）：{done.recovery_key}")
    say("请立即把恢复密钥打印或抄写下来，与电脑分开保管。忘记密码时，用它代替密码即可打开")
    say("数据库及其所有备份；备份文件只能用恢复密钥打开，除非把密钥文件一并复制到备份旁边。")
    say("")
    say(f"密钥文件：{done.keys_file}（用密码打开数据库时需要它，请勿删除）")
    if done.scrubbed:
        say("原来的未加密文件已覆盖后删除。")
    else:
        say("原来的未加密文件已删除，但所在磁盘不支持覆盖（如 FAT32 U 盘），旧数据可能残留。")
    say(LEFTOVER_WARNING)
    return 0


def run_decrypt(settings: StartupSettings, args: argparse.Namespace) -> int:
    path = _database_file(settings)
    done = decrypt_file(path)
    if args.json:
        print_json({"decrypted": str(done.path)})
        return 0
    say(f"数据库 {done.path} 已解密：文件不再受密码保护，密钥文件已删除。")
    return 0
