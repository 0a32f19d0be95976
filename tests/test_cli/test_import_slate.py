"""`yishi import slate`: all or nothing, --valid-only, reserves, re-imports and what the log says."""

from __future__ import annotations

import json
from typing import Any

from .helpers import query, scalar
from .slate_commands import (
    checked_json,
    import_slate,
)
from .slate_files import (
    HEADERS,
    bad_checksum,
    disabled,
    passing_rows,
    person,
    read_rows,
    write_slate,
)

# --- import slate ---------------------------------------------------------------------------


def counts(demo) -> tuple[int, int, int]:
    return (
        scalar(demo.path, "SELECT count(*) FROM person"),
        scalar(demo.path, "SELECT count(*) FROM membership"),
        scalar(demo.path, "SELECT count(*) FROM change_log"),
    )


def eighth_congress(demo) -> int:
    return scalar(
        demo.path,
        "SELECT t.id FROM term t JOIN body b ON b.id = t.body_id "
        "WHERE b.code = 'congress' AND t.ordinal = 8",
    )


def memberships_of(demo, id_number: str) -> list[tuple[Any, ...]]:
    return query(
        demo.path,
        "SELECT m.id, m.term_id, m.status, m.work_unit_and_post, u.name, m.disability_category "
        "FROM membership m JOIN person p ON p.id = m.person_id "
        "LEFT JOIN electoral_unit u ON u.id = m.electoral_unit_id WHERE p.id_number = ?",
        id_number,
    )


def test_import_is_all_or_nothing(capsys, tmp_path, demo):
    before = counts(demo)
    rows = [*passing_rows(), person(50, 身份证号=bad_checksum(50))]
    path = write_slate(tmp_path / "slate.xlsx", rows)
    result = import_slate(capsys, demo, path, "--json")
    assert result.code == 1
    payload = result.json()
    assert (payload["imported"], payload["rejected_file"]) == (0, None)
    assert [(e["row"], e["code"]) for e in payload["row_errors"]] == [(12, "id_checksum")]
    assert counts(demo)[:2] == before[:2]
    text = import_slate(capsys, demo, path)
    assert text.code == 1
    assert "未导入任何数据" in text.out and "第 12 行［身份证号］" in text.out
    assert counts(demo) == before
    assert list(tmp_path.glob("*.rejected*.xlsx")) == []


def test_import_valid_only_saves_the_rejected_rows_beside_the_input(capsys, tmp_path, demo):
    people, memberships, _ = counts(demo)
    bad = person(60, 身份证号=bad_checksum(60), 备注="原样保留")
    rows = [*passing_rows(), bad, person(61, 性别="未知")]
    path = write_slate(tmp_path / "第八届代表.xlsx", rows)
    result = import_slate(capsys, demo, path, "--valid-only", "--json")
    assert result.code == 1
    payload = result.json()
    target = tmp_path / "第八届代表.rejected.xlsx"
    assert payload["rejected_file"] == str(target)
    assert (payload["imported"], payload["added_people"], payload["rejected_rows"]) == (
        10,
        10,
        [12, 13],
    )
    assert counts(demo)[:2] == (people + 10, memberships + 10)
    saved = read_rows(target)
    assert saved[0] == [*HEADERS, "错误说明"]
    assert len(saved) == 3
    first = dict(zip(saved[0], saved[1], strict=True))
    assert first["身份证号"] == bad["身份证号"]
    assert (first["姓名"], first["备注"], first["联系电话"]) == (
        bad["姓名"],
        "原样保留",
        bad["联系电话"],
    )
    assert first["错误说明"].startswith("原表第12行：")
    second = dict(zip(saved[0], saved[2], strict=True))
    assert second["性别"] == "未知" and second["错误说明"].startswith("原表第13行：")

    again = import_slate(capsys, demo, path, "--valid-only")
    assert again.code == 1
    second_target = tmp_path / "第八届代表.rejected-2.xlsx"
    assert str(second_target) in again.out
    assert second_target.exists() and target.exists()
    assert read_rows(target) == saved  # never overwritten
    assert counts(demo)[:2] == (people + 10, memberships + 10)  # the valid rows updated, not added


def test_import_valid_only_without_errors_exits_0(capsys, tmp_path, demo):
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    result = import_slate(capsys, demo, path, "--valid-only", "--json")
    assert result.code == 0
    assert result.json()["rejected_file"] is None
    assert list(tmp_path.glob("*.rejected*.xlsx")) == []


def test_import_reserve(capsys, tmp_path, demo):
    rows = passing_rows()
    path = write_slate(tmp_path / "slate.xlsx", rows)
    result = import_slate(capsys, demo, path, "--term", "8", "--reserve")
    assert result.code == 0, result.err
    assert "已导入 10 行" in result.out
    term = eighth_congress(demo)
    for row in rows:
        [(_, term_id, status, *_rest)] = memberships_of(demo, row["身份证号"])
        assert (term_id, status) == (term, "reserve")


def test_reimporting_updates_and_logs_what_changed(capsys, tmp_path, demo):
    rows = passing_rows()
    path = write_slate(tmp_path / "slate.xlsx", rows)
    assert import_slate(capsys, demo, path).code == 0
    snapshot = counts(demo)
    changed = rows[3]["身份证号"]
    [(membership_id, term_id, status, *_)] = memberships_of(demo, changed)
    assert (term_id, status) == (eighth_congress(demo), "candidate")

    # The same file again changes nothing at all.
    same = import_slate(capsys, demo, path, "--json")
    assert same.code == 0
    assert (same.json()["added_people"], same.json()["updated_people"]) == (0, 0)
    assert counts(demo) == snapshot

    rows[3]["联系电话"] = "13999999999"
    rows[3]["工作单位及职务"] = "城子街道残联 主任"
    write_slate(path, rows)
    # The registry's phone differs from the file's: kept and reported, both values, ID masked.
    kept = import_slate(capsys, demo, path, "--json")
    assert kept.code == 0
    assert (kept.json()["added_people"], kept.json()["updated_people"]) == (0, 0)
    [conflict] = kept.json()["person_conflicts"]
    assert conflict["row"] == 5 and conflict["taken_from_file"] is False
    assert conflict["id_number"] == changed[:6] + "********" + changed[-4:]
    assert conflict["facts"] == [
        {"column": "联系电话", "registry": "13800000003", "file": "13999999999"}
    ]
    [warning] = [w for w in kept.json()["row_warnings"] if w["code"] == "person_conflict"]
    assert "13800000003" in warning["message"] and changed not in warning["message"]
    phone = "SELECT phone FROM person WHERE id_number = ?"
    assert scalar(demo.path, phone, changed) == "13800000003"
    text = import_slate(capsys, demo, path)
    assert "保留人员库" in text.out and "--update-people" in text.out
    logged = counts(demo)[2]
    result = import_slate(capsys, demo, path, "--update-people", "--json")
    assert result.code == 0
    assert (result.json()["added_people"], result.json()["updated_people"]) == (0, 1)
    assert result.json()["person_conflicts"][0]["taken_from_file"] is True
    assert scalar(demo.path, phone, changed) == "13999999999"
    assert counts(demo)[:2] == snapshot[:2]
    assert [m[0] for m in memberships_of(demo, changed)] == [membership_id]
    person_id = scalar(demo.path, "SELECT id FROM person WHERE id_number = ?", changed)
    log = query(
        demo.path,
        "SELECT entity, entity_id, before, after, user_login FROM change_log "
        "WHERE action = 'update' AND id > ? ORDER BY id",
        logged,
    )
    updates = {(e, i): (json.loads(b), json.loads(a), u) for e, i, b, a, u in log}
    before, after, login = updates[("person", str(person_id))]
    assert (before, after, login) == ({"phone": "13800000003"}, {"phone": "13999999999"}, "clerk")
    # The membership's snapshot changed on the first of these imports, the person on the last.
    assert ("membership", str(membership_id)) not in updates
    [(before, after)] = query(
        demo.path,
        "SELECT before, after FROM change_log WHERE action = 'update' AND entity = 'membership' "
        "AND entity_id = ? AND id > ?",
        str(membership_id),
        snapshot[2],
    )
    assert json.loads(before) == {"work_unit_and_post": passing_rows()[3]["工作单位及职务"]}
    assert json.loads(after) == {"work_unit_and_post": "城子街道残联 主任"}


def test_importing_an_empty_slate_exits_1(capsys, tmp_path, demo):
    before = counts(demo)
    path = write_slate(tmp_path / "empty.xlsx", [])
    result = import_slate(capsys, demo, path, "--json")
    assert result.code == 1
    assert (result.json()["total"], result.json()["imported"]) == (0, 0)
    assert counts(demo)[:2] == before[:2]


def test_importing_an_empty_slate_says_mingdan_weikong(capsys, tmp_path, demo):
    result = import_slate(capsys, demo, write_slate(tmp_path / "empty.xlsx", []))
    assert result.code == 1
    assert "名单为空" in result.out + result.err


def test_import_names_an_electoral_unit_outside_the_term(capsys, tmp_path, demo):
    before = counts(demo)
    rows = [*passing_rows(), person(70, 选举单位="海淀街道")]
    result = import_slate(capsys, demo, write_slate(tmp_path / "s.xlsx", rows), "--json")
    assert result.code == 1
    [error] = result.json()["row_errors"]
    assert (error["row"], error["column"], error["code"]) == (12, "选举单位", "unit_unknown")
    assert "海淀街道" in error["message"] and "大峪街道" in error["message"]
    assert counts(demo) == before
    # check-slate knows no database: the same unit is no problem there.
    code, payload = checked_json(capsys, tmp_path / "s.xlsx")
    assert (code, payload["row_errors"]) == (0, [])


def test_import_into_a_missing_term_exits_2(capsys, tmp_path, demo):
    before = counts(demo)
    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    result = import_slate(capsys, demo, path, "--term", "99", "--json")
    assert result.code == 2
    assert result.error()["message"] == "代表大会没有第九十九届。"
    assert counts(demo) == before


def test_import_never_touches_the_previous_term(capsys, tmp_path, demo):
    """A 7th-term delegate on the 8th slate: the 7th term's snapshot stays as it was."""
    seventh = query(
        demo.path,
        "SELECT p.id_number, p.name, p.gender, m.id, m.work_unit_and_post, m.disability_category "
        "FROM membership m JOIN person p ON p.id = m.person_id JOIN term t ON t.id = m.term_id "
        "JOIN body b ON b.id = t.body_id WHERE b.code = 'congress' AND t.ordinal = 7 "
        "AND m.status = 'elected' AND m.disability_category IS NULL LIMIT 1",
    )[0]
    id_number, name, gender, membership_id, work, _ = seventh
    snapshot = query(demo.path, "SELECT * FROM membership WHERE id = ?", membership_id)
    row = disabled(0, "精神", 身份证号=id_number, 姓名=name, 性别="男" if gender == "男" else "女")
    row["工作单位及职务"] = "新单位 新职务"
    path = write_slate(tmp_path / "slate.xlsx", [row])
    result = import_slate(capsys, demo, path, "--json")
    assert result.code == 0, result.out
    assert result.json()["added_people"] == 0
    assert query(demo.path, "SELECT * FROM membership WHERE id = ?", membership_id) == snapshot
    assert work != "新单位 新职务"
