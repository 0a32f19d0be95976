"""The DOCX read back: text, East Asian fonts on every run, GB/T 9704 geometry, page-number field."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Twips
from lxml import etree

from models.documents.docx_writer import write_docx
from tests.test_documents.sample import ATTENDEES, sample_paper

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _parts(path: Path, prefix: str) -> list[etree._Element]:
    with zipfile.ZipFile(path) as z:
        return [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith(prefix)]


def _runs(path: Path) -> list[etree._Element]:
    roots = _parts(path, "word/document.xml") + _parts(path, "word/footer")
    return [r for root in roots for r in root.iter(f"{W}r")]


def test_text_reads_back(sample_docx: Path) -> None:
    document = docx.Document(str(sample_docx))
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.startswith("门头沟区残疾人联合会第三次主席团会议纪要\n〔2026〕5号")
    assert "出席：" + ATTENDEES in text
    assert "2026年1月5日" in text
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "王堃" in cells and "李䶮" in cells
    assert "110109********1231" in cells
    assert "110109198001021231" not in cells


def test_every_run_has_an_east_asian_font_and_chinese_language(sample_docx: Path) -> None:
    runs = _runs(sample_docx)
    assert len(runs) > 100
    for run in runs:
        fonts = run.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None and fonts.get(f"{W}eastAsia"), etree.tostring(run)
        assert run.find(f"{W}rPr/{W}lang").get(f"{W}eastAsia") == "zh-CN"
    faces = {r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") for r in runs}
    assert faces == {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"}


def test_body_runs_are_closed_up_by_a_quarter_point(sample_docx: Path) -> None:
    (root,) = _parts(sample_docx, "word/document.xml")
    body_runs = [r for r in root.iter(f"{W}r") if r.find(f"{W}rPr/{W}sz").get(f"{W}val") == "32"]
    assert body_runs
    assert {r.find(f"{W}rPr/{W}spacing").get(f"{W}val") for r in body_runs} == {"-5"}


def test_style_defaults_carry_the_east_asian_font_and_language(sample_docx: Path) -> None:
    (styles,) = _parts(sample_docx, "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsiaTheme") is None  # a theme would win
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"
    normal = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal")
    assert normal.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"


def test_section_geometry_is_gbt9704(sample_docx: Path) -> None:
    section = docx.Document(str(sample_docx)).sections[0]
    expected = {
        "page_width": Mm(210),
        "page_height": Mm(297),
        "top_margin": Mm(37),
        "bottom_margin": Mm(35),
        "left_margin": Mm(28),
        "right_margin": Mm(26),
    }
    for name, value in expected.items():
        assert abs(getattr(section, name) - value) <= Twips(1), name
    grid = section._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "579")
    body = docx.Document(str(sample_docx)).paragraphs[5].paragraph_format
    assert body.line_spacing == Twips(579)
    assert body.first_line_indent == Twips(630)  # two 15.75 pt characters


def test_footers_hold_a_page_field_odd_right_even_left(sample_docx: Path) -> None:
    document = docx.Document(str(sample_docx))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]
        assert p.text == "— 1 —"
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        assert p._p.find(f"{W}pPr/{W}jc").get(qn("w:val")) == side
        indent = (
            p.paragraph_format.right_indent if side == "right" else p.paragraph_format.left_indent
        )
        assert indent == Twips(280)  # one 14 pt character in
    assert not section.different_first_page_header_footer


def test_table_header_repeats_and_columns_have_their_widths(sample_docx: Path) -> None:
    table = docx.Document(str(sample_docx)).tables[0]
    text_width = Mm(156)
    for column, fraction in zip(table.columns, (0.08, 0.13, 0.08, 0.15, 0.30, 0.26), strict=True):
        assert abs(column.width - fraction * text_width) <= Twips(1)
        assert abs(column.cells[1].width - fraction * text_width) <= Twips(1)
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert table.rows[1]._tr.find(f"{W}trPr/{W}tblHeader") is None


def test_stock_preset_letter_format_landscape_and_public(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    paper = sample_paper(first_page_numbered=False, landscape=True, public=True)
    write_docx(paper, path, preset="stock")
    faces = {r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") for r in _runs(path)}
    assert faces == {"仿宋", "黑体", "楷体", "宋体"}
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(297)) <= Twips(1)
    assert section.different_first_page_header_footer
    assert section.first_page_footer.paragraphs[0].text == ""
    assert [c.text for c in document.tables[0].rows[0].cells] == [
        "序号",
        "姓名",
        "性别",
        "残疾类别",
        "工作单位",
    ]


@pytest.mark.parametrize("whole", [False, True])
def test_identifiers_whole_on_request(tmp_path: Path, whole: bool) -> None:
    path = tmp_path / "ids.docx"
    write_docx(sample_paper(identifiers_whole=whole), path)
    cells = [c.text for row in docx.Document(str(path)).tables[0].rows for c in row.cells]
    assert ("110109198001021231" in cells) is whole
