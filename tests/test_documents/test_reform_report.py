"""The yearly reform report and its charts: vector graphics in the PDF (text as text, embedded
faces), pictures of the text area's width in the DOCX."""

from __future__ import annotations

import base64
import contextlib
import re
import zlib
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.shared import Emu

from models.documents.chart_layout import (
    MET,
    SHORT,
    ZERO_STUB,
    Box,
    Label,
    Stroke,
    layout_chart,
    nice_step,
)
from models.documents.chart_png import chart_png
from models.documents.docx_writer import write_docx
from models.documents.fonts import load_fonts
from models.documents.layout import PORTRAIT
from models.documents.paper import Bar, Chart, Paper, Paragraph, texts
from models.documents.papers.reform_report import (
    ReformReportData,
    ReportPart,
    RuleResult,
    Shortfall,
    reform_report_paper,
)
from models.documents.pdf_writer import write_pdf
from tests.test_documents.conftest import FONTS_DIR, pdf_text, poppler

DAYS = Chart(
    "联系点成员全年走访天数",
    tuple(Bar(name, days) for name, days in (("张明", 62), ("李华", 59), ("王芳", 0))),
    target=60,
    target_label="要求 60 天",
    unit="天",
    note="注：同一天多次走访只计一天。",
)
CATEGORIES = Chart(
    "代表大会各类别代表人数",
    tuple(
        Bar(label, value, target=1)
        for label, value in (("视力", 3), ("聋人（含言语残疾）", 0), ("肢体", 40))
    ),
    unit="人",
)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _content_streams(path: Path) -> str:
    """Every stream of the PDF, inflated where it is compressed."""
    raw = path.read_bytes()
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\n?endstream", raw, re.DOTALL):
        data = match.group(1).strip()
        if data.endswith(b"~>"):  # ASCII85 over Flate, as reportlab writes under some settings
            data = base64.a85decode(data[:-2].replace(b"\n", b""))
        with contextlib.suppress(zlib.error):
            data = zlib.decompress(data)
        out.append(data.decode("latin-1"))
    return "\n".join(out)


def _all_embedded(path: Path) -> list[list[str]]:
    rows = [line.split() for line in poppler("pdffonts", str(path)).splitlines()[2:]]
    assert rows
    return rows


def _data() -> ReformReportData:
    return ReformReportData(
        organisation="门头沟区残疾人联合会",
        year=2026,
        on=date(2026, 12, 5),
        plan="门头沟区残疾人联合会改革方案",
        parts=(
            ReportPart(
                "congress",
                results=(
                    RuleResult("代表中残疾人及亲友占比", "pass", "142人（71.0%）", "不少于140人"),
                    RuleResult(
                        "每类残疾至少一名代表：聋人", "fail", "0人", "不少于1人", "还需至少 1 名"
                    ),
                ),
                charts=(CATEGORIES,),
            ),
            ReportPart(
                "contact",
                results=(RuleResult("联系点走访天数", "fail", "1人未达60天", "每人不少于60天"),),
                charts=(DAYS,),
                shortfalls=(
                    Shortfall(
                        "走访不足60天的成员", ("姓名", "走访天数"), (("李华", "59"), ("王芳", "0"))
                    ),
                ),
            ),
            ReportPart("motions", results=(RuleResult("答复率", "warn", "90.0%", "—"),)),
        ),
    )


def test_chart_layout_stays_in_the_text_area() -> None:
    fonts = load_fonts(FONTS_DIR)

    def measure(text: str, role: str, size: float) -> float:
        return sum(fonts.advance(c, role, size) for c in text)  # type: ignore[arg-type]

    layout = layout_chart(DAYS, PORTRAIT.text_width, measure)
    for shape in layout.shapes:
        if isinstance(shape, Box):
            assert shape.x >= 0 and shape.x + shape.width <= layout.width + 1e-6
        elif isinstance(shape, Stroke):
            assert min(shape.x1, shape.x2) >= 0 and max(shape.x1, shape.x2) <= layout.width
        elif isinstance(shape, Label):
            assert 0 <= shape.y <= layout.height
    assert {s.text for s in layout.shapes if isinstance(s, Label)} >= {"张明", "62天", "要求 60 天"}
    # 李华 and 王芳 fall short of 60: two bars in the warning colour (王芳 a stub)
    bars = [s for s in layout.shapes if isinstance(s, Box) and s.height > 11]
    assert [b.fill for b in bars] == [MET, SHORT, SHORT]
    assert bars[2].width == ZERO_STUB
    assert nice_step(62) == 20 and nice_step(5) == 1 and nice_step(100) == 20


def test_a_chart_needs_bars() -> None:
    with pytest.raises(ValueError):
        Chart("空", ())


def test_chart_in_the_pdf_is_text_and_vector_paths(tmp_path: Path) -> None:
    path = tmp_path / "chart.pdf"
    assert write_pdf(Paper("图表", (Paragraph("正文。"), DAYS)), path, fonts_dir=FONTS_DIR) == []
    flat = _flat("".join(pdf_text(path)))
    for text in (
        "联系点成员全年走访天数",
        "张明",
        "62天",
        "要求60天",
        "达到要求",
        "同一天多次走访只计一天",
    ):
        assert text in flat
    content = _content_streams(path)
    assert len(re.findall(r" re f\b", content)) >= 4  # bars and legend swatches
    assert len(re.findall(r" l S\b", content)) >= 5  # axis, grid and the requirement line
    assert poppler("pdfimages", "-list", str(path)).splitlines()[2:] == []  # no picture
    assert all(row[-5] == "yes" for row in _all_embedded(path))


def test_chart_in_the_docx_is_a_picture_as_wide_as_the_text_area(tmp_path: Path) -> None:
    path = tmp_path / "chart.docx"
    write_docx(Paper("图表", (DAYS,)), path, fonts_dir=FONTS_DIR)
    document = docx.Document(str(path))
    shapes = document.inline_shapes
    assert len(shapes) == 1
    assert abs(shapes[0].width - Emu(round(PORTRAIT.text_width * 12700))) < 12700
    png, width, height = chart_png(
        DAYS, PORTRAIT.text_width, load_fonts(FONTS_DIR), max_height=PORTRAIT.text_height
    )
    assert png.startswith(b"\x89PNG")
    assert abs(shapes[0].height - Emu(round(height * 12700))) < 2 * 12700
    assert width == pytest.approx(PORTRAIT.text_width)


def test_a_docx_with_a_chart_needs_the_fonts(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_docx(Paper("图表", (DAYS,)), tmp_path / "x.docx")


def test_report_paper_sections_results_and_no_ids() -> None:
    paper = reform_report_paper(_data())
    assert paper.title == "门头沟区残疾人联合会2026年改革方案落实情况报告"
    words = texts(paper)
    headings = [t for t in words if re.match(r"^[一二三四五六七八]、", t)]
    assert headings == [
        "一、代表大会和主席团构成",
        "二、执行理事会与干部队伍",
        "三、联系点制度",
        "四、基层组织",
        "五、温馨家园",
        "六、提案办理",
        "七、三重一大",
        "八、专门协会",
    ]
    joined = "".join(words)
    assert "《门头沟区残疾人联合会改革方案》" in joined
    assert "共检查4项：达标1项，未达标2项，提醒1项。" in joined
    assert "未达标" in words and "达标" in words and "提醒" in words
    assert "（一）走访不足60天的成员" in words and "李华" in words
    assert "本年度没有可供检查的记录。" in words
    assert not re.search(r"[a-z]+\.[a-z_]+", joined)  # no rule id such as contact.days


def test_report_pdf_and_docx(tmp_path: Path) -> None:
    paper = reform_report_paper(_data())
    pdf = tmp_path / "report.pdf"
    assert write_pdf(paper, pdf, fonts_dir=FONTS_DIR) == []
    flat = _flat("".join(pdf_text(pdf)))
    assert "门头沟区残疾人联合会2026年改革方案落实情况报告" in flat
    assert "代表大会各类别代表人数" in flat and "联系点成员全年走访天数" in flat
    assert "走访不足60天的成员" in flat
    assert all(row[-5] == "yes" for row in _all_embedded(pdf))
    path = tmp_path / "report.docx"
    write_docx(paper, path, fonts_dir=FONTS_DIR)
    document = docx.Document(str(path))
    assert len(document.inline_shapes) == 2
    body = "".join(p.text for p in document.paragraphs)
    assert "三、联系点制度" in body


def _organisation_facts():
    from datetime import timedelta

    from models.domain.organisation_rules import (
        CadreFact,
        ContactFact,
        MemberFact,
        OrganisationFacts,
        PlaceFact,
        TownshipFact,
    )
    from models.domain.organisation_vocabulary import PlaceKind
    from models.domain.vocabulary import Employment

    start = date(2026, 1, 5)
    members = tuple(
        MemberFact(
            i,
            name,
            ContactFact(i, "东村", True, "西社区", "东村温馨家园"),
            (*tuple(start + timedelta(days=d) for d in range(days)), start),  # one day twice
        )
        for i, (name, days) in enumerate((("张明", 60), ("李华", 59), ("王芳", 75)), start=1)
    )
    cadres = (
        CadreFact(1, "赵一", Employment.FULL_TIME, leadership=True, disabled=True),
        *(CadreFact(i, f"干部{i}", Employment.FULL_TIME) for i in range(2, 12)),
    )
    townships = (
        TownshipFact(
            1,
            "大峪街道",
            model_homes=1,
            places=(
                PlaceFact(1, "东社区", PlaceKind.COMMUNITY, residents=7000, homes=1),
                PlaceFact(2, "西社区", PlaceKind.COMMUNITY, residents=6999),
            ),
        ),
        TownshipFact(
            2,
            "斋堂镇",
            model_homes=0,
            places=(
                PlaceFact(3, "东村", PlaceKind.VILLAGE, disabled_residents=50),
                PlaceFact(4, "西村", PlaceKind.VILLAGE, disabled_residents=49),
            ),
        ),
    )
    return OrganisationFacts(
        2026, date(2026, 12, 31), cadres=cadres, members=members, townships=townships
    )


def test_organisation_results_make_their_parts_with_charts(tmp_path: Path) -> None:
    from models.domain.organisation_rules import check_organisation
    from models.domain.rules import default_organisation_rules
    from models.services.papers._reform_organisation import organisation_parts

    facts = _organisation_facts()
    rules = default_organisation_rules()
    parts = organisation_parts(check_organisation(facts, rules), facts, rules, {})
    by_key = {part.key: part for part in parts}
    assert set(by_key) >= {"council", "contact", "grassroots", "homes", "congress"}
    days = by_key["contact"].charts[0]
    assert [(b.label, b.value) for b in days.bars] == [("张明", 60), ("李华", 59), ("王芳", 75)]
    assert [days.short(b) for b in days.bars] == [False, True, False]
    coverage = by_key["homes"].charts[0]
    assert [(b.label, b.value, b.figure) for b in coverage.bars] == [
        ("大峪街道", 100.0, "1/1，示范1个"),
        ("斋堂镇", 0.0, "0/1，示范0个"),
    ]
    shortfall_subjects = [row[0] for s in by_key["contact"].shortfalls for row in s.rows]
    assert "李华" in shortfall_subjects and "张明" not in shortfall_subjects
    data = ReformReportData("门头沟区残疾人联合会", 2026, date(2026, 12, 31), tuple(parts))
    paper = reform_report_paper(data)
    joined = "".join(texts(paper))
    assert "斋堂镇东村" in joined
    assert not re.search(r"[a-z]+\.[a-z_]+", joined)
    pdf = tmp_path / "organisation.pdf"
    assert write_pdf(paper, pdf, fonts_dir=FONTS_DIR) == []
    flat = _flat("".join(pdf_text(pdf)))
    assert "2026年联系点成员现场工作天数" in flat and "要求60天" in flat
    assert "2026年温馨家园覆盖情况（按街乡镇）" in flat and "0/1，示范0个" in flat
    write_docx(paper, tmp_path / "organisation.docx", fonts_dir=FONTS_DIR)
    assert len(docx.Document(str(tmp_path / "organisation.docx")).inline_shapes) == 2


def test_a_kept_paragraph_takes_its_heading_and_table_to_the_next_page(tmp_path: Path) -> None:
    from models.documents.paper import Heading, Spacer, Table

    table = Table(("检查项目", "结果"), (("挂职干部", "未达标"),))
    paper = Paper(
        "分页",
        (
            Spacer(17),
            Heading(1, "一、基层组织"),
            Paragraph("共检查1项。", keep_with_next=True),
            table,
        ),
    )
    pdf = tmp_path / "kept.pdf"
    write_pdf(paper, pdf, fonts_dir=FONTS_DIR)
    pages = [_flat(page) for page in pdf_text(pdf)]
    assert len(pages) == 2 and "一、基层组织共检查1项。" in pages[1]
    path = tmp_path / "kept.docx"
    write_docx(paper, path)
    kept = [p for p in docx.Document(str(path)).paragraphs if p.text == "共检查1项。"]
    assert kept[0].paragraph_format.keep_with_next is True
