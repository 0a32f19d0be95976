"""`yishi print decision | decision-register` on the demo: every position, remark and recusal on
the printed record, the fonts embedded, the year's register as PDF, DOCX and xlsx."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import openpyxl

from tests.test_documents.conftest import pdf_text, poppler

from .helpers import query, run_cli, scalar


def _flat(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(pdf_text(path)))


def _print(capsys, demo, *argv: str):
    result = run_cli(capsys, "--database", demo.url, "print", *argv)
    assert result.code == 0, result.err
    return result


def _decision(demo, state: str) -> int:
    return scalar(demo.path, "SELECT id FROM major_decision WHERE state = ? LIMIT 1", state)


def _record(capsys, demo, tmp_path, decision_id: int) -> str:
    out = tmp_path / f"decision-{decision_id}.pdf"
    _print(capsys, demo, "decision", "--decision", str(decision_id), "-o", str(out))
    return _flat(out)


def test_the_record_shows_every_position_remark_and_recusal(capsys, demo, tmp_path):
    discussed = [
        row[0]
        for row in query(
            demo.path, "SELECT DISTINCT decision_id FROM decision_discussion ORDER BY decision_id"
        )
    ]
    assert len(discussed) == 5
    for decision_id in discussed:
        flat = _record(capsys, demo, tmp_path, decision_id)
        positions = query(
            demo.path,
            "SELECT p.speaking_order, n.name, p.stance, p.remarks, p.reserved_opinion "
            "FROM decision_position p JOIN decision_discussion d ON d.id = p.discussion_id "
            "JOIN person n ON n.id = p.person_id WHERE d.decision_id = ? "
            "ORDER BY p.speaking_order",
            decision_id,
        )
        for order, name, stance, remarks, reserved in positions:
            assert f"{order}{name}{stance}" in flat, (decision_id, name)
            if remarks:
                marked = ("（保留意见）" if reserved else "") + remarks
                assert re.sub(r"\s+", "", marked) in flat, (decision_id, remarks)
        recusals = query(
            demo.path,
            "SELECT n.name, p.recusal_reason FROM decision_participant p "
            "JOIN decision_discussion d ON d.id = p.discussion_id "
            "JOIN person n ON n.id = p.person_id WHERE d.decision_id = ? AND p.presence = '回避'",
            decision_id,
        )
        for name, reason in recusals:
            assert f"{name}（{reason}）" in flat
        assert "三重一大事项决策记录表" in flat


def test_the_record_of_the_matter_with_a_recusal(capsys, demo, tmp_path):
    funds = _decision(demo, "implementing")
    out = tmp_path / "funds.pdf"
    _print(capsys, demo, "decision", "--decision", str(funds), "--format", "pdf", "-o", str(out))
    flat = _flat(out)
    assert "应到15人，回避1人，按14人计，实到13人" in flat
    assert "186万元" in flat and "大额度资金使用" in flat
    reason, accepted = query(
        demo.path,
        "SELECT na_reason, na_accepted_by FROM decision_step "
        "WHERE decision_id = ? AND not_applicable",
        funds,
    )[0]
    assert f"不适用：{reason}，{accepted}认可" in flat
    files = query(demo.path, "SELECT sha256 FROM decision_attachment")
    assert len(files) == 2 and all(sha[:12] in flat for (sha,) in files)
    assert "完成辅助器具适配服务政府采购招标" in flat  # the follow-up's task
    fonts = [line.split() for line in poppler("pdffonts", str(out)).splitlines()[2:]]
    assert fonts and all(row[-5] == "yes" for row in fonts)


def test_the_cadre_record_shows_the_party_group_and_the_publicity(capsys, demo, tmp_path):
    flat = _record(capsys, demo, tmp_path, _decision(demo, "done"))
    assert "重要干部任免" in flat and "决策机构党组" in flat
    assert "三、决策后程序" in flat and "任前公示" in flat
    assert "应到5人，实到5人" in flat
    assert "未完成" not in flat  # every step and follow-up is done


def test_a_blocked_matter_shows_its_missing_steps(capsys, demo, tmp_path):
    flat = _record(capsys, demo, tmp_path, _decision(demo, "draft"))
    assert "法律顾问审查未完成" in flat and "社会稳定风险评估未完成" in flat
    assert "尚未提交集体讨论" not in flat  # the 会上 step is listed, still to come


def test_the_record_as_docx(capsys, demo, tmp_path):
    out = tmp_path / "policy.docx"
    _print(capsys, demo, "decision", "--decision", str(_decision(demo, "decided")), "-o", str(out))
    document = docx.Document(str(out))
    cells = "".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "（保留意见）按比例就业年度指标" in cells


def test_the_register_of_2026_in_three_formats(capsys, demo, tmp_path):
    titles = [r[0] for r in query(demo.path, "SELECT title FROM major_decision ORDER BY id")]
    pdf = tmp_path / "register.pdf"
    _print(capsys, demo, "decision-register", "--year", "2026", "-o", str(pdf))
    flat = _flat(pdf)
    assert "2026年三重一大事项台账" in flat and "本年度共9项" in flat
    assert "15/1/13" in flat  # 应到/回避/实到 of the matter with the recusal
    fonts = [line.split() for line in poppler("pdffonts", str(pdf)).splitlines()[2:]]
    assert fonts and all(row[-5] == "yes" for row in fonts)
    word = tmp_path / "register.docx"
    _print(capsys, demo, "decision-register", "--year", "2026", "--format", "docx", "-o", str(word))
    table = docx.Document(str(word)).tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["序号", "事项名称", "类别"]
    assert [r.cells[1].text for r in table.rows[1:]] == titles
    book = tmp_path / "register.xlsx"
    _print(capsys, demo, "decision-register", "--year", "2026", "-o", str(book))
    sheet = openpyxl.load_workbook(book).worksheets[0]
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert set(titles) <= set(values)


def test_an_empty_year_prints_and_wrong_options_are_refused(capsys, demo, tmp_path):
    empty = tmp_path / "2025.pdf"
    _print(capsys, demo, "decision-register", "--year", "2025", "-o", str(empty))
    assert "本年度无三重一大事项" in _flat(empty)
    out = str(tmp_path / "x.pdf")
    for argv in (
        ("decision", "-o", out),
        ("decision", "--decision", "987654", "-o", out),
        ("decision", "--decision", "1", "--year", "2026", "-o", out),
        ("decision", "--decision", "1", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx")),
        ("decision-register", "-o", out),
        ("decision-register", "--year", "1999", "-o", out),
        ("decision-register", "--year", "2026", "--decision", "1", "-o", out),
    ):
        result = run_cli(capsys, "--database", demo.url, "print", *argv, "--json")
        assert result.code == 2, argv
        assert result.error()["code"] == "bad_arguments"
    assert not Path(out).exists() and not (tmp_path / "x.xlsx").exists()
