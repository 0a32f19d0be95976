"""`yishi print reply | replies | assignment-slip | motion-summary` on the demo."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import openpyxl

from tests.test_documents.conftest import pdf_text

from .helpers import query, run_cli, scalar


def _flat(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(pdf_text(path)))


def _replied(demo) -> list[tuple[int, str, str]]:
    return query(
        demo.path,
        "SELECT m.id, m.number_text, p.name FROM motion m JOIN person p ON p.id = m.proposer_id "
        "WHERE m.state IN ('replied', 'closed') ORDER BY m.number",
    )


def test_reply_as_pdf(capsys, demo, tmp_path):
    motion_id, number_text, proposer = _replied(demo)[0]
    out = tmp_path / "reply.pdf"
    result = run_cli(
        capsys, "--database", demo.url, "print", "reply", "--motion", str(motion_id), "-o", str(out)
    )
    assert result.code == 0, result.err
    pages = pdf_text(out)
    first = re.sub(r"\s+", "", pages[0])
    assert f"{proposer}委员：" in first
    assert f"（{number_text}）收悉，现答复如下：" in first
    assert "—1—" not in first
    assert "抄送：区残联主席团办公室" in _flat(out)


def test_reply_as_docx_by_format(capsys, demo, tmp_path):
    motion_id, number_text, _ = _replied(demo)[0]
    out = tmp_path / "reply.docx"
    result = run_cli(
        capsys, "--database", demo.url, "print", "reply", "--motion", str(motion_id),
        "--format", "docx", "-o", str(out),
    )  # fmt: skip
    assert result.code == 0, result.err
    text = "".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert number_text in text and "答复类别：" in text


def test_reply_needs_a_motion_and_refuses_others(capsys, demo, tmp_path):
    out = str(tmp_path / "r.pdf")
    assert run_cli(capsys, "--database", demo.url, "print", "reply", "-o", out).code == 2
    refused = run_cli(
        capsys, "--database", demo.url, "print", "reply", "--motion", "1", "--year", "2026",
        "-o", out,
    )  # fmt: skip
    assert refused.code == 2
    draft = scalar(demo.path, "SELECT min(id) FROM motion WHERE state = 'draft'")
    unreplied = run_cli(
        capsys, "--database", demo.url, "print", "reply", "--motion", str(draft), "-o", out
    )
    assert unreplied.code == 2 and "尚未答复" in unreplied.err
    xlsx = run_cli(
        capsys, "--database", demo.url, "print", "reply", "--motion", "1", "-o",
        str(tmp_path / "r.xlsx"),
    )  # fmt: skip
    assert xlsx.code == 2


def test_replies_one_file_each_with_progress(capsys, demo, tmp_path):
    folder = tmp_path / "letters"
    result = run_cli(
        capsys, "--database", demo.url, "print", "replies", "--format", "docx", "-o", str(folder)
    )
    assert result.code == 0, result.err
    replied = _replied(demo)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{number}答复函.docx" for _id, number, _ in replied
    )
    progress = [line for line in result.err.splitlines() if line.startswith("[")]
    assert len(progress) == len(replied)
    assert progress[-1].startswith(f"[{len(replied)}/{len(replied)}]")


def test_replies_needs_a_format(capsys, demo, tmp_path):
    result = run_cli(capsys, "--database", demo.url, "print", "replies", "-o", str(tmp_path))
    assert result.code == 2


def test_replies_refuses_a_letter_it_cannot_write_and_names_the_file(capsys, demo, tmp_path):
    first = sorted(number for _id, number, _ in _replied(demo))[0]
    (tmp_path / f"{first}答复函.docx").mkdir()  # a folder where the letter should go
    result = run_cli(
        capsys, "--database", demo.url, "print", "replies", "--format", "docx", "-o", str(tmp_path)
    )
    assert result.code == 2
    assert f"{first}答复函.docx" in result.err and "已生成" not in result.out


def test_assignment_slip(capsys, demo, tmp_path):
    motion_id = scalar(demo.path, "SELECT min(id) FROM motion WHERE state = 'assigned'")
    out = tmp_path / "slip.pdf"
    result = run_cli(
        capsys, "--database", demo.url, "print", "assignment-slip", "--motion", str(motion_id),
        "-o", str(out),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "提案交办单" in _flat(out)


def test_motion_summary_in_three_formats(capsys, demo, tmp_path):
    numbered = scalar(demo.path, "SELECT count(*) FROM motion WHERE number IS NOT NULL")
    for name in ("s.pdf", "s.docx", "s.xlsx"):
        result = run_cli(
            capsys, "--database", demo.url, "print", "motion-summary", "-o", str(tmp_path / name)
        )
        assert result.code == 0, result.err
    assert "提案办理情况汇总表" in _flat(tmp_path / "s.pdf")
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert book.worksheets[0].max_row == numbered + 2
    assert book.worksheets[1].cell(book.worksheets[1].max_row, 1).value == "合计"
    clash = run_cli(
        capsys, "--database", demo.url, "print", "motion-summary", "--format", "pdf", "-o",
        str(tmp_path / "x.xlsx"),
    )  # fmt: skip
    assert clash.code == 2
