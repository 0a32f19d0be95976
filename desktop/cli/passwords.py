"""Where a command's passwords come from (issue 15): never an argument, which would stay in the
shell's history and in the process list.

Standard input is read line by line, in this order, each line only when its option asks for it:

1. the database passphrase, with --db-password-stdin (else YISHI_DB_PASSWORD);
2. your own account password, with --password-stdin (else YISHI_PASSWORD): the password you sign
   in with, and the old password of `users change-password`;
3. a new password, with --new-password-stdin (else YISHI_NEW_PASSWORD): the new account's
   (`users add`), the one an administrator sets (`users reset-password`), your new one
   (`users change-password`) — or the database's new passphrase (`db encrypt`).

On a terminal a password is asked for without echo (a new one twice). Kept apart from
signing.py so that commands without a database never import SQLAlchemy.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from desktop.settings import read_password_line
from models.domain.errors import DomainError

ACCOUNT_PASSWORD_ENV = "YISHI_PASSWORD"
NEW_PASSWORD_ENV = "YISHI_NEW_PASSWORD"


def _secret(prompt: str, *, twice: bool = False) -> str | None:
    """The next line of standard input; asked for without echo when it is a terminal."""
    stream = sys.stdin
    if stream is not None and stream.isatty():
        first = getpass.getpass(prompt)
        if twice and first and getpass.getpass("再输入一次：") != first:
            raise DomainError("new_password_mismatch")
        return first or None
    return read_password_line()


def own_password(args: argparse.Namespace) -> str | None:
    """Your account password (line 2 of standard input), or None when none was given. Read once,
    before any command reads a new password after it."""
    if getattr(args, "password_stdin", None):
        return _secret("账户密码：")
    return os.environ.get(ACCOUNT_PASSWORD_ENV) or None


def new_password(args: argparse.Namespace) -> str:
    """The new password a `users` command sets; `new_password_missing` when none was given."""
    if getattr(args, "new_password_stdin", False):
        password = _secret("新密码：", twice=True)
    else:
        password = os.environ.get(NEW_PASSWORD_ENV) or None
    if password is None:
        raise DomainError("new_password_missing")
    return password
