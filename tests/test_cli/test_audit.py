"""`yishi audit list|export|verify` on the demo: exit 0 on an intact log, 1 naming the first
bad entry once a row was edited with plain SQL, --json for each, and the export logged."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from openpyxl import load_workbook

from .helpers import query, run_cli, scalar


def _sql(path: Path, sql: str, *params: object) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(sql, params)
        connection.commit()


def test_verify_an_untouched_demo(capsys, demo):
    entries = scalar(demo.path, "SELECT count(*) FROM change_log")
    result = run_cli(capsys, "--database", demo.url, "audit", "verify")
    assert result.code == 0, result.err
    assert f"已核验 {entries} 条记录" in result.out
    head = scalar(demo.path, "SELECT entry_hash FROM change_log ORDER BY id DESC LIMIT 1")
    last = scalar(demo.path, "SELECT max(id) FROM change_log")
    assert f"最后一条记录：{last}:{head}" in result.out

    as_json = run_cli(capsys, "--database", demo.url, "audit", "verify", "--json")
    assert as_json.code == 0
    assert as_json.json() | {"message": ""} == {
        "ok": True,
        "checked": entries,
        "reason": "audit_chain_intact",
        "message": "",
        "head": head,
        "head_id": last,
        "first_bad": None,
    }


def test_verify_names_the_row_edited_behind_the_programs_back(capsys, demo):
    row_id, login, entity = scalar(
        demo.path,
        "SELECT id || '|' || user_login || '|' || entity FROM change_log "
        "WHERE action = 'update' ORDER BY id LIMIT 1 OFFSET 5",
    ).split("|")
    _sql(demo.path, "UPDATE change_log SET note = '无事' WHERE id = ?", int(row_id))
    result = run_cli(capsys, "--database", demo.url, "audit", "verify")
    assert result.code == 1, result.err
    assert f"第 {row_id} 条操作记录" in result.out
    assert login in result.out and f"表 {entity}" in result.out
    assert "改动过" in result.out

    as_json = run_cli(capsys, "--database", demo.url, "audit", "verify", "--json")
    assert as_json.code == 1
    found = as_json.json()
    assert (found["ok"], found["reason"]) == (False, "audit_entry_altered")
    assert found["first_bad"]["id"] == int(row_id)
    assert found["first_bad"]["login"] == login
    assert found["first_bad"]["entity"] == entity
    assert found["head"] is None


def test_verify_after_a_deleted_row_names_the_next_one(capsys, demo):
    ids = [
        r for (r,) in query(demo.path, "SELECT id FROM change_log ORDER BY id LIMIT 3 OFFSET 100")
    ]
    _sql(demo.path, "DELETE FROM change_log WHERE id = ?", ids[1])
    result = run_cli(capsys, "--database", demo.url, "audit", "verify", "--json")
    assert result.code == 1
    assert result.json()["first_bad"]["id"] == ids[2]
    assert result.json()["reason"] == "audit_entry_unlinked"


def test_list_with_filters_as_text_and_json(capsys, demo):
    result = run_cli(
        capsys, "--database", demo.url, "audit", "list", "--kind", "人员", "--limit", "5", "--json"
    )
    assert result.code == 0, result.err
    entries = result.json()
    assert len(entries) == 5
    assert {e["entity"] for e in entries} == {"person"}
    assert [e["id"] for e in entries] == sorted((e["id"] for e in entries), reverse=True)
    assert set(entries[0]) >= {"id", "at", "login", "action", "entity", "before", "after", "note"}
    assert entries[0]["at"].endswith("+08:00")

    text = run_cli(capsys, "--database", demo.url, "audit", "list", "--limit", "3")
    assert text.code == 0
    assert text.out.strip().splitlines()[-1] == "共 3 条（最新的在前）"

    bad = run_cli(capsys, "--database", demo.url, "audit", "list", "--from", "2026-13-01")
    assert bad.code == 2


def test_export_writes_the_file_and_logs_it(capsys, demo, tmp_path):
    before = scalar(demo.path, "SELECT max(id) FROM change_log")
    out = tmp_path / "记录.xlsx"
    result = run_cli(
        capsys, "--database", demo.url, "audit", "export", "--kind", "person", "--out", str(out)
    )
    assert result.code == 0, result.err
    assert "已导出" in result.out
    people = scalar(
        demo.path, "SELECT count(*) FROM change_log WHERE entity = 'person' OR action = 'person'"
    )
    assert load_workbook(out)["操作记录"].max_row == people + 1
    # The export, and before it the clerk's first write records the clerk (the OS login).
    new = query(demo.path, "SELECT entity, action FROM change_log WHERE id > ? ORDER BY id", before)
    assert new[-1] == ("change_log", "export")
    assert set(new[:-1]) <= {("app_user", "insert")}

    refused = run_cli(
        capsys,
        "--database",
        demo.url,
        "audit",
        "export",
        "--out",
        str(tmp_path / "a.csv"),
        "--json",
    )
    assert refused.code == 2
    assert ".xlsx" in refused.error()["message"]
    assert refused.error()["code"] == "bad_arguments"

    # The chain still holds with the export's own entry at its end.
    assert run_cli(capsys, "--database", demo.url, "audit", "verify").code == 0


def test_verify_against_a_head_kept_elsewhere(capsys, demo):
    last = scalar(demo.path, "SELECT max(id) FROM change_log")
    head = scalar(demo.path, "SELECT entry_hash FROM change_log WHERE id = ?", last)
    kept = f"{last}:{head}"
    assert run_cli(capsys, "--database", demo.url, "audit", "verify", "--head", kept).code == 0
    # The last entries cut off: the chain that is left is whole, but the kept head is gone.
    _sql(demo.path, "DELETE FROM change_log WHERE id > ?", last - 3)
    alone = run_cli(capsys, "--database", demo.url, "audit", "verify")
    assert alone.code == 0
    result = run_cli(capsys, "--database", demo.url, "audit", "verify", "--head", kept, "--json")
    assert result.code == 1
    assert (result.json()["reason"], result.json()["ok"]) == ("audit_head_missing", False)
    assert f"第 {last} 条" in result.json()["message"]

    bad = run_cli(capsys, "--database", demo.url, "audit", "verify", "--head", "12:xyz")
    assert bad.code == 2 and "--head" in bad.err
