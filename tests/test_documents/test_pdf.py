"""The PDF read back with poppler: text, page numbers, embedded fonts, the 28 × 22 grid, line rules."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from models.documents.layout import NO_START
from models.documents.paper import LabelledLine, Paper, Paragraph
from models.documents.pdf_writer import write_pdf
from models.domain.errors import Level, Problem
from tests.test_documents.conftest import FONTS_DIR, pdf_text, poppler
from tests.test_documents.sample import PURE, sample_paper


def _fonts(path: Path) -> list[list[str]]:
    """pdffonts rows: name, type…, emb, sub, uni, object, generation."""
    return [line.split() for line in poppler("pdffonts", str(path)).splitlines()[2:]]


def _han(line: str) -> int:
    return sum(1 for c in line if unicodedata.east_asian_width(c) in "WF")


def test_content_and_no_warnings(sample_pdf: tuple[Path, list[Problem]]) -> None:
    path, warnings = sample_pdf
    assert warnings == []
    text = "".join(pdf_text(path))
    flat = re.sub(r"\s+", "", text)
    assert "门头沟区残疾人联合会第三次主席团会议纪要" in flat
    assert "〔2026〕5号" in flat
    assert "出席：张三、王堃、李䶮、赵喆" in flat
    assert "2026年1月5日" in flat
    assert "110109********1231" in flat and "110109198001021231" not in flat


def test_page_numbers_odd_right_even_left(sample_pdf: tuple[Path, list[Problem]]) -> None:
    pages = pdf_text(sample_pdf[0], "-layout")
    assert len(pages) >= 4
    for n, page in enumerate(pages, start=1):
        (line,) = [line for line in page.splitlines() if f"— {n} —" in line]
        indent = len(line) - len(line.lstrip())
        assert (indent > 20) == (n % 2 == 1), line  # odd pages right, even pages left


def test_every_font_is_embedded_and_the_fallback_is_listed(
    sample_pdf: tuple[Path, list[Problem]],
) -> None:
    rows = _fonts(sample_pdf[0])
    assert rows
    for row in rows:
        assert row[-5] == "yes", row  # emb
        assert "CID" not in row or row[-5] == "yes"
    names = {row[0].split("+")[-1] for row in rows}
    assert {"FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular"} <= names
    assert {"FandolSong-Bold", "FandolSong-Regular", "NotoSerifSC-Regular"} <= names


def test_fallback_font_only_when_a_character_needs_it(tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    write_pdf(Paper("名单", (LabelledLine("出席：", "张三、李四"),)), plain, fonts_dir=FONTS_DIR)
    assert not any("NotoSerifSC" in row[0] for row in _fonts(plain))
    rare = tmp_path / "rare.pdf"
    write_pdf(Paper("名单", (LabelledLine("出席：", "张三、王堃"),)), rare, fonts_dir=FONTS_DIR)
    assert any("NotoSerifSC" in row[0] for row in _fonts(rare))
    assert "王堃" in "".join(pdf_text(rare))


def test_a_character_in_no_font_is_a_warning_naming_the_person(tmp_path: Path) -> None:
    paper = Paper("名单", (LabelledLine("出席：", "张三、王𪚥、李四"),))
    warnings = write_pdf(paper, tmp_path / "x.pdf", fonts_dir=FONTS_DIR)
    assert warnings == [
        Problem("glyph_missing", Level.WARNING, {"characters": "𪚥", "context": "王𪚥"})
    ]


def test_no_line_begins_with_a_closing_mark(sample_pdf: tuple[Path, list[Problem]]) -> None:
    lines = [
        line.strip() for page in pdf_text(sample_pdf[0], "-layout") for line in page.splitlines()
    ]
    bad = [line for line in lines if line and line[0] in NO_START]
    assert bad == []


def test_28_characters_a_line_and_22_lines_a_page(tmp_path: Path) -> None:
    path = tmp_path / "grid.pdf"
    write_pdf(Paper("网格", (Paragraph(PURE * 10),)), path, fonts_dir=FONTS_DIR)
    pages = pdf_text(path, "-layout")
    assert len(pages) == 3
    body = [line for line in pages[1].splitlines() if line.strip() and "— 2 —" not in line]
    assert [_han(line) for line in body] == [28] * 22
    first = [line for line in pages[0].splitlines() if line.strip() and "— 1 —" not in line]
    # title, (blank line), then the indented first line and 19 full ones
    assert [_han(line) for line in first][1:] == [26] + [28] * 19


def test_letter_format_and_landscape(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    write_pdf(sample_paper(first_page_numbered=False), path, fonts_dir=FONTS_DIR)
    pages = pdf_text(path)
    assert "— 1 —" not in pages[0] and "— 2 —" in pages[1]
    wide = tmp_path / "wide.pdf"
    write_pdf(sample_paper(landscape=True, public=True), wide, fonts_dir=FONTS_DIR)
    assert "841.89 x 595.276" in poppler("pdfinfo", str(wide))
    assert "身份证号" not in "".join(pdf_text(wide))


def test_reply_letter_with_addressee_and_date_only(tmp_path: Path) -> None:
    path = tmp_path / "reply.pdf"
    paper = Paper(
        "关于第5号提案的答复",
        (Paragraph("您提出的关于无障碍设施建设的提案收悉。现答复如下。"),),
        doc_number="〔2026〕5号",
        addressee="王堃代表：",
        date=date(2026, 1, 5),
        first_page_numbered=False,
    )
    assert write_pdf(paper, path, fonts_dir=FONTS_DIR) == []
    (page,) = pdf_text(path, "-layout")
    lines = [line for line in page.splitlines() if line.strip()]
    assert lines[2].strip() == "王堃代表："
    assert lines[-1].strip() == "2026年1月5日"
    assert "—" not in page


def test_a_table_cell_never_hangs_a_closing_mark_past_its_edge() -> None:
    from models.documents.layout import cjk_width
    from models.documents.pdf_table import cell_lines

    text = "一二三四五六七八九，十一二三四五六七八九。"  # ， falls just past a 9-cell line
    lines = cell_lines(text, 9, cjk_width)
    assert "".join(lines) == text
    assert all(sum(cjk_width(c) for c in line) <= 9 for line in lines)
    assert not any(line[0] in "，。" for line in lines)
