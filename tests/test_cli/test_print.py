"""`yishi print`: each paper from the demo, the format from --format or the extension, refusals."""

from __future__ import annotations

import re
from pathlib import Path

import docx

from desktop.cli.parser_work import PRINTABLE_PAPERS
from models.services.papers.contracts import PAPERS
from tests.test_documents.conftest import pdf_text, poppler

from .helpers import query, run_cli, scalar


def _flat(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(pdf_text(path)))


def _council_meeting(demo, ordinal: int) -> str:
    return str(
        scalar(
            demo.path,
            "SELECT m.id FROM meeting m JOIN body b ON b.id = m.body_id "
            "WHERE b.code = 'council' AND m.ordinal = ?",
            ordinal,
        )
    )


def test_the_parser_knows_every_paper():
    assert PRINTABLE_PAPERS == PAPERS


def test_minutes_as_pdf_and_docx(capsys, demo, tmp_path):
    meeting = _council_meeting(demo, 10)
    pdf = tmp_path / "m.pdf"
    result = run_cli(
        capsys, "--database", demo.url, "print", "minutes", "--meeting", meeting,
        "--format", "pdf", "-o", str(pdf),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert str(pdf) in result.out and "会议纪要" in result.out
    flat = _flat(pdf)
    assert "门头沟区残疾人联合会第七届执行理事会第十次会议纪要" in flat
    assert "出席：" in flat and "请假：" in flat and "列席：" in flat and "修正记录" in flat
    assert "— 1 —" in pdf_text(pdf)[0]
    fonts = [line.split() for line in poppler("pdffonts", str(pdf)).splitlines()[2:]]
    assert fonts and all(row[-5] == "yes" for row in fonts)
    docx_path = tmp_path / "m.docx"
    result = run_cli(
        capsys,
        "--database",
        demo.url,
        "print",
        "minutes",
        "--meeting",
        meeting,
        "-o",
        str(docx_path),
    )
    assert result.code == 0, result.err
    text = "\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    assert text.startswith("门头沟区残疾人联合会第七届执行理事会第十次会议纪要")
    for line in text.splitlines():  # the same content as the PDF, paragraph by paragraph
        assert re.sub(r"\s+", "", line) in flat, line


def test_signin_sheet(capsys, demo, tmp_path):
    out = tmp_path / "签到表.pdf"
    result = run_cli(
        capsys, "print", "signin", "--meeting", _council_meeting(demo, 9), "-o", str(out),
        "--database", demo.url,
    )  # fmt: skip
    assert result.code == 0, result.err
    flat = _flat(out)
    assert "第七届执行理事会第九次会议签到表" in flat and "一、成员" in flat and "二、列席" in flat


def test_public_slate_has_no_ids_and_revealed_slate_is_logged(capsys, demo, tmp_path):
    public = tmp_path / "public.pdf"
    result = run_cli(
        capsys, "--database", demo.url, "print", "slate", "--body", "congress", "--public",
        "-o", str(public),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "110109" not in _flat(public)
    reveals = "SELECT count(*) FROM change_log WHERE action = 'reveal'"
    before = scalar(demo.path, reveals)
    whole = tmp_path / "whole.docx"
    result = run_cli(
        capsys, "--database", demo.url, "--user", "carol", "print", "slate", "--body", "presidium",
        "--reveal", "-o", str(whole),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "记入日志" in result.out
    cells = [c.text for t in docx.Document(str(whole)).tables for r in t.rows for c in r.cells]
    assert any(re.fullmatch(r"110109\d{11}[\dX]", c) for c in cells)
    assert scalar(demo.path, reveals) == before + 1
    (row,) = query(
        demo.path,
        "SELECT user_login, entity, entity_id FROM change_log WHERE action = 'reveal' "
        "ORDER BY id DESC LIMIT 1",
    )
    assert row == ("carol", "paper", "slate/presidium/8")


def test_composition_and_association_attendance(capsys, demo, tmp_path):
    composition = tmp_path / "c.docx"
    result = run_cli(
        capsys, "--database", demo.url, "print", "composition", "--body", "congress", "--term",
        "8", "-o", str(composition),
    )  # fmt: skip
    assert result.code == 0, result.err
    text = "\n".join(p.text for p in docx.Document(str(composition)).paragraphs)
    assert "第八次代表大会代表构成情况统计表" in text
    report = tmp_path / "a.pdf"
    result = run_cli(
        capsys, "--database", demo.url, "print", "association-attendance", "--year", "2026",
        "-o", str(report),
    )  # fmt: skip
    assert result.code == 0, result.err
    flat = _flat(report)
    assert "2026年专门协会列席执行理事会会议情况统计表" in flat
    assert "2026年共召开执行理事会会议3次" in flat


def test_refusals_exit_2_and_write_nothing(capsys, demo, tmp_path):
    meeting = _council_meeting(demo, 10)
    target = tmp_path / "m.docx"
    cases = [
        ("print", "minutes", "--meeting", meeting, "--format", "pdf", "-o", str(target)),
        ("print", "minutes", "--meeting", "987654", "-o", str(target)),
        ("print", "minutes", "-o", str(target)),
        ("print", "minutes", "--meeting", meeting, "-o", str(tmp_path / "m.txt")),
        ("print", "slate", "--body", "congress", "--meeting", meeting, "-o", str(target)),
        ("print", "composition", "--body", "congress", "--public", "-o", str(target)),
        ("print", "slate", "--body", "congress", "--public", "--reveal", "-o", str(target)),
        ("print", "notes", "-o", str(target)),
    ]
    for argv in cases:
        result = run_cli(capsys, "--database", demo.url, *argv)
        assert result.code == 2, (argv, result.out, result.err)
        assert result.err.startswith("yishi: "), argv
    disagreement = run_cli(capsys, "--database", demo.url, *cases[0])
    assert "不一致" in disagreement.err
    unknown = run_cli(capsys, "--database", demo.url, *cases[1])
    assert "987654" in unknown.err
    assert not target.exists() and not (tmp_path / "m.txt").exists()
