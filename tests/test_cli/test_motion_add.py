"""`yishi motions add` on a day-one database: by name, pinyin or 人员编号; a shared name is exit 2
naming both members, and nothing is written."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from desktop.__main__ import main
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from tests.test_services._motions_day_one import DayOne, build_day_one

from .helpers import run_cli, scalar, sqlite_url


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, DayOne]:
    path = tmp_path / "office.sqlite3"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["db", "upgrade", "--database", sqlite_url(path)]) == 0
    engine = create_database_engine(sqlite_url(path))
    try:
        return path, build_day_one(Database(engine))
    finally:
        engine.dispose()


def test_add_by_name_and_pinyin_then_list_carries_category_and_co_signers(capsys, office):
    path, f = office
    db = ("--database", sqlite_url(path))
    result = run_cli(
        capsys,
        *db,
        "motions",
        "add",
        "--proposer",
        "王芳",
        "--title",
        "扩大残疾人按比例就业",
        "--category",
        "就业",
        "--cosigner",
        "lina",
        "--cosigner",
        str(f.zhang_wei[1]),
        "--cause",
        "就业率低",
        "--proposals",
        "加强监督",
        "--received",
        "2024-03-05",
        "--json",
    )
    assert result.code == 0, result.err
    added = result.json()
    assert added["state"] == "submitted" and added["co_signers"] == ["李娜", "张伟"]
    assert scalar(path, "SELECT submitted_on FROM motion") == "2024-03-05"
    assert "【办法和建议】\n加强监督" in scalar(path, "SELECT body_text FROM motion")
    listed = run_cli(capsys, *db, "motions", "list", "--json")
    assert listed.code == 0, listed.err
    [motion] = listed.json()
    assert (motion["category"], motion["co_signers"]) == ("就业", ["李娜", "张伟"])


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--proposer", "张伟"), ("张伟", "多名本届委员")),
        (("--proposer", "王芳", "--cosigner", "张伟"), ("张伟", "多名本届委员")),
        (("--proposer", "刘洋"), ("刘洋", "不是第8届主席团的委员")),
        (("--proposer", "王芳", "--category", "天气"), ("天气", "无障碍")),
        (("--proposer", "王芳", "--cosigner", "王芳"), ("王芳", "不能同时是附议人")),
    ],
)
def test_refusals_are_exit_2_with_the_reason_and_nothing_written(capsys, office, args, words):
    path, f = office
    base = {"--title": "加强残疾人法律援助", "--category": "维权"}
    given = dict(zip(args[::2], args[1::2], strict=True))
    options = [x for k, v in (base | given).items() if k != "--cosigner" for x in (k, v)]
    if "--cosigner" in given:
        options += ["--cosigner", given["--cosigner"]]
    result = run_cli(capsys, "--database", sqlite_url(path), "motions", "add", *options)
    assert result.code == 2, result.out
    for word in words:
        assert word in result.err
    if "多名本届委员" in words:
        assert result.err.count("张伟") == 3
        assert str(f.zhang_wei[0]) in result.err and str(f.zhang_wei[1]) in result.err
    assert scalar(path, "SELECT count(*) FROM motion") == 0
