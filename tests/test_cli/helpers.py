"""Running `yishi` in-process and looking into SQLite files, for the command-line tests."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from desktop.__main__ import main

CJK = "\u4e00-\u9fff"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def error(self) -> dict[str, str]:
        """The {"error": {...}} object printed under --json, checked to be exactly that shape."""
        payload = self.json()
        assert set(payload) == {"error"}, payload
        assert {"code", "message"} <= set(payload["error"]), payload
        return payload["error"]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Result:
    """`yishi ARGV` in-process; argparse's own exits (--version, --help) become a code too."""
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def query(path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql, params).fetchall()


def scalar(path: Path, sql: str, *params: Any) -> Any:
    rows = query(path, sql, *params)
    assert len(rows) == 1, rows
    return rows[0][0]


def person_count(path: Path) -> int:
    return scalar(path, "SELECT count(*) FROM person")
