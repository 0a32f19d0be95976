"""The database as the clerk sees it: a path, never an escaped URL (issue 14)."""

from __future__ import annotations

import pytest

from models.services.common.context import database_display


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///C:/Users/王芳/yishi.sqlite3",
        "sqlite:///C%3A/Users/王芳/yishi.sqlite3",  # as SQLAlchemy renders a Windows URL
        "sqlite:///C:\\Users\\王芳\\yishi.sqlite3",
    ],
)
def test_a_windows_database_is_shown_as_a_windows_path(url):
    assert database_display(url) == "C:\\Users\\王芳\\yishi.sqlite3（本机 SQLite）"


def test_a_posix_database_keeps_its_path():
    assert database_display("sqlite:////home/clerk/yishi.sqlite3") == (
        "/home/clerk/yishi.sqlite3（本机 SQLite）"
    )


def test_a_server_database_never_shows_the_password():
    shown = database_display("postgresql+psycopg://clerk:s3cret@db.local:5433/yishi")
    assert shown == "db.local:5433/yishi（共享 PostgreSQL）"
    assert "s3cret" not in shown
