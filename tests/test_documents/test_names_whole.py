"""A name in a list (出席, 请假, 列席) is never split across two lines, in the PDF and the DOCX."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from models.documents.docx_writer import write_docx
from models.documents.layout import break_lines
from models.documents.papers.minutes import Attendee, minutes_paper
from models.documents.pdf_writer import write_pdf
from models.domain.meeting_vocabulary import AttendanceStatus

from .conftest import FONTS_DIR, pdf_text
from .test_meeting_papers import DATA


def _names() -> list[str]:
    stems = ("杜波", "廖春生", "欧阳桂英", "司马金山", "郭振华", "姜春生", "江赟", "秦堃宇")
    extra = "甲乙丙丁戊己庚辛壬癸"
    return [stem + extra[i] for i in range(len(extra)) for stem in stems][:70]


def _items(line: str) -> list[str]:
    line = re.sub(r"^\s*(出席|请假|列席)：", "", line).strip()
    return [item for item in line.split("、") if item]


def _present(pdf: Path) -> list[str]:
    """The items of the 出席 list as pdftotext lays the lines out."""
    lines = [line for page in pdf_text(pdf, "-layout") for line in page.splitlines()]
    start = next(i for i, line in enumerate(lines) if "出席：" in line)
    found: list[str] = []
    for line in lines[start:]:
        if "、" not in line and found:
            if "—" in line or not line.strip():
                continue  # the page number, a page break
            break
        found += _items(line)
    return found


def test_break_lines_keeps_each_name_of_a_list_on_one_line():
    names = _names()
    text = "、".join(names)
    plain = break_lines(text, 22)
    assert any(item not in names for line in plain for item in _items(line))  # splits without
    lines = break_lines(text, 22, names=True)
    assert all(item in names for line in lines for item in _items(line)), lines
    assert "".join(lines) == text
    assert all(len(line) <= 23 for line in lines)  # 22 cells and a hung 、


def test_a_long_phrase_still_breaks_inside():
    text = "因参加全国残疾人职业技能竞赛筹备工作请假一天" * 2
    assert break_lines(text, 10, names=True) == break_lines(text, 10)


def _minutes():
    names = _names()
    attendance = tuple(Attendee(n, AttendanceStatus.PRESENT) for n in names)
    return replace(DATA, attendance=attendance), names


def test_minutes_pdf_keeps_every_name_whole(tmp_path: Path):
    data, names = _minutes()
    pdf = tmp_path / "m.pdf"
    write_pdf(minutes_paper(data), pdf, fonts_dir=FONTS_DIR)
    assert _present(pdf)[: len(names)] == names


def test_minutes_docx_keeps_every_name_whole_in_libreoffice(tmp_path: Path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI requires LibreOffice: apt-get install libreoffice-writer-nogui")
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
    data, names = _minutes()
    docx_path = tmp_path / "m.docx"
    write_docx(minutes_paper(data), docx_path)
    profile = (tmp_path / "lo-profile").as_uri()
    conf = tmp_path / "fonts.conf"  # the shipped faces under the DOCX's font names
    aliases = "".join(
        f'<alias binding="same"><family>{a}</family><prefer><family>{b}</family></prefer></alias>'
        for a, b in (("仿宋_GB2312", "FandolFang"), ("黑体", "FandolHei"),
                     ("楷体_GB2312", "FandolKai"), ("方正小标宋简体", "FandolSong"),
                     ("宋体", "FandolSong"))
    )  # fmt: skip
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{FONTS_DIR}</dir>'
        f"{aliases}</fontconfig>",
        encoding="utf-8",
    )
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx_path)],
        env={**os.environ, "FONTCONFIG_FILE": str(conf)},
        capture_output=True, check=True, timeout=180,
    )  # fmt: skip
    assert _present(tmp_path / "m.pdf")[: len(names)] == names


def test_a_name_in_a_narrow_table_cell_stays_whole_when_it_fits():
    from models.documents.layout import cjk_width
    from models.documents.pdf_table import cell_lines

    assert cell_lines("杜波、廖春生、王芳", 4.0, cjk_width) == ["杜波、", "廖春生、", "王芳"]
    assert cell_lines("欧阳桂英", 3.0, cjk_width) == ["欧阳桂", "英"]  # wider than the cell
    prose = "已将改造纳入年度计划，明年完成"
    assert cell_lines(prose, 6.0, cjk_width) == break_lines(prose, 6.0)


def test_a_names_cell_in_a_docx_breaks_only_at_the_separators(tmp_path: Path):
    import docx

    from models.documents.paper import Paper, Table

    table = Table(("序号", "联名人", "说明"), (("1", "杜波、廖春生、王芳", "已将改造纳入年度计划"),),
                  widths=(1, 1.5, 5.5))  # fmt: skip
    path = tmp_path / "t.docx"
    write_docx(Paper(title="表", blocks=(table,)), path)
    cells = [c.text for t in docx.Document(str(path)).tables for row in t.rows for c in row.cells]
    assert "杜波、\n廖春生、\n王芳" in cells  # a 5.5-cell column: one name a line
    assert "已将改造纳入年度计划" in cells  # prose is left to the word processor
