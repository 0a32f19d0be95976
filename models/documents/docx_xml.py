"""The WordprocessingML python-docx does not write for us: East Asian fonts, grid, fields."""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Pt, Twips
from docx.table import Table as DocxTable
from docx.table import _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from models.documents.layout import CHAR_SPACING_TWENTIETHS, LINE_PITCH_TWIPS

LATIN = "Times New Roman"


def _el(tag: str, **attrs: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _rpr_children(
    east_asia: str, size: float, *, bold: bool, spacing: int, latin: str
) -> list[BaseOxmlElement]:
    """rPr children in the schema's order (rFonts, b, spacing, sz, szCs, lang): Word rejects
    a file whose rPr is out of order."""
    half_points = str(round(size * 2))
    out = [_el("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia")]
    if bold:
        out += [_el("w:b"), _el("w:bCs")]
    if spacing:
        out.append(_el("w:spacing", val=str(spacing)))
    out += [_el("w:sz", val=half_points), _el("w:szCs", val=half_points)]
    out.append(_el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    return out


def set_run(
    run: Run,
    east_asia: str,
    size: float,
    *,
    bold: bool = False,
    spacing: int = CHAR_SPACING_TWENTIETHS,
    latin: str = LATIN,
) -> Run:
    """Fonts on the run itself: python-docx's font.name sets only the Latin slots, and Word then
    draws the Chinese in the theme's East Asian font."""
    r = run._r
    old = r.find(qn("w:rPr"))
    if old is not None:
        r.remove(old)
    rpr = OxmlElement("w:rPr")
    for child in _rpr_children(east_asia, size, bold=bold, spacing=spacing, latin=latin):
        rpr.append(child)
    r.insert(0, rpr)
    return run


def set_defaults(document: Document, east_asia: str, size: float) -> None:
    """docDefaults and Normal: the template's theme fonts would win over named fonts, and its
    language is en-US; paragraphs default to the exact line pitch and no space after."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    for child in _rpr_children(east_asia, size, bold=False, spacing=0, latin=LATIN):
        rpr.append(child)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(
        _el("w:spacing", before="0", after="0", line=str(LINE_PITCH_TWIPS), lineRule="exact")
    )
    normal = document.styles["Normal"]
    normal.font.size = Pt(size)
    normal_rpr = normal.element.get_or_add_rPr()
    normal_rpr.get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)
    normal_rpr.get_or_add_rFonts().set(qn("w:ascii"), LATIN)
    normal_rpr.get_or_add_rFonts().set(qn("w:hAnsi"), LATIN)
    normal_rpr.append(_el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    document.core_properties.language = "zh-CN"


def set_line_grid(section: Section) -> None:
    """A line grid only: Word's character grid (linesAndChars) is misdrawn by LibreOffice, so the
    28 a line comes from −0.25 pt character spacing on every run instead (spike §5)."""
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = _el("w:docGrid")
        sect_pr.append(grid)
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def exact_lines(paragraph: Paragraph, twips: int = LINE_PITCH_TWIPS) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Twips(twips)  # a Length means an exact line height to python-docx
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def off_grid(paragraph: Paragraph) -> None:
    """Table cells and footers keep their own line height instead of snapping to the grid."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(
        _el("w:snapToGrid", val="0"),
        *("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:jc", "w:rPr"),
        *("w:textDirection", "w:textAlignment", "w:outlineLvl", "w:sectPr", "w:pPrChange"),
    )


def outline_level(paragraph: Paragraph, level: int) -> None:
    """Headings show in Word's navigation pane without using its styled Heading n."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(
        _el("w:outlineLvl", val=str(level - 1)), "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr"
    )


def page_field(paragraph: Paragraph, east_asia: str, size: float) -> None:
    """— N — with N a PAGE field, every run in the page-number face."""

    def run(text: str = "") -> Run:
        return set_run(paragraph.add_run(text), east_asia, size, spacing=0, latin=east_asia)

    run("— ")
    run()._r.append(_el("w:fldChar", fldCharType="begin"))
    instr = _el("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run()._r.append(instr)
    run()._r.append(_el("w:fldChar", fldCharType="separate"))
    run("1")
    run()._r.append(_el("w:fldChar", fldCharType="end"))
    run(" —")


def repeat_as_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_el("w:tblHeader"))


def cell_margins(table: DocxTable, points: float) -> None:
    """Left and right cell margins as in the PDF (Word's default 5.4 pt wraps 序号 at 14 pt)."""
    margins = _el("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_el(f"w:{side}", w=str(round(points * 20)), type="dxa"))
    table._tbl.tblPr.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )
