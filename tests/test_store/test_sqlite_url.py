"""The SQLite URL read without SQLAlchemy (the window's start-up path) against SQLAlchemy's reading."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from models.store.engine import sqlite_path
from models.store.sqlite_url import quick_sqlite_path

_PREFIXES = (
    "sqlite:///",
    "sqlite:////",
    "sqlite://",
    "sqlite:",
    "sqlite+pysqlite:///",
    "sqlite://user@host/",
    "SQLITE:///",
    "sqlitex:///",
    "postgresql+psycopg://clerk@localhost/",
    "mysql://",
    "",
    " sqlite:///",
)
_PIECES = st.sampled_from(
    ["议事 数据.sqlite3", "a%2Fb", "%E8%AE%AE", "?mode=ro", "#1", ":memory:", "file:x", "/", "x"]
)


def _both(url: str) -> tuple[object, object]:
    try:
        expected: object = sqlite_path(url)
    except Exception as error:  # SQLAlchemy refuses it: the quick reading may not vouch for a file
        expected = type(error)
    try:
        quick: object = quick_sqlite_path(url)
    except Exception as error:
        quick = type(error)
    return quick, expected


@given(st.sampled_from(_PREFIXES), st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=4))
@example("sqlite:///", [])
@example("sqlite:///", [":memory:"])
@example("sqlite:///", ["/tmp/a.sqlite3", "?cache=shared"])
def test_the_quick_reading_is_sqlalchemys(prefix: str, pieces: list[str]) -> None:
    quick, expected = _both(prefix + "".join(pieces))
    if isinstance(expected, type):  # unparseable: no file either way (the opener explains it)
        assert quick is None or quick is expected
    else:
        assert quick == expected


@pytest.mark.parametrize("name", ["yishi.sqlite3", "备份#1/议事 数据.sqlite3", "a%b/x.sqlite3"])
def test_real_paths_plain_and_percent_encoded(tmp_path, name):
    path = tmp_path / name
    for url in (f"sqlite:///{path}", "sqlite:///" + quote(str(path))):
        assert quick_sqlite_path(url) == sqlite_path(url) == path


def test_the_plain_url_does_not_import_sqlalchemy(tmp_path):
    code = (
        "import sys\n"
        "from models.store.sqlite_url import quick_sqlite_path\n"
        f"assert quick_sqlite_path({f'sqlite:///{tmp_path}/y.sqlite3'!r}) is not None\n"
        "assert quick_sqlite_path('postgresql+psycopg://clerk@localhost/yishi') is None\n"
        "assert 'sqlalchemy' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
