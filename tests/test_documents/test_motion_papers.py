"""答复函 (信函 format), 交办单 and 提案办理情况汇总表 through both writers, and the xlsx."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import docx
import openpyxl

from models.documents.docx_writer import write_docx
from models.documents.papers.assignment_slip import (
    AssignedUnit,
    AssignmentSlipData,
    assignment_slip_paper,
)
from models.documents.papers.motion_summary import (
    FigureLine,
    MotionSummaryData,
    SummaryLine,
    motion_summary_paper,
)
from models.documents.papers.reply_letter import (
    ReplyLetterData,
    reply_letter_paper,
    reply_title,
)
from models.documents.pdf_writer import write_pdf
from models.documents.xlsx_summary import write_xlsx

from .conftest import pdf_text

OPENING = "您提出的《关于加强社区无障碍设施改造的提案》（第12号）收悉，现答复如下："
LONG = "经研究，我单位高度重视，已将社区无障碍设施改造纳入年度工作计划，逐步推进。" * 12

LETTER = ReplyLetterData(
    motion_title="关于加强社区无障碍设施改造的提案",
    motion_number="第12号",
    proposers=("张明",),
    text=LONG,
    reply_class="B",
    class_text="正在解决或已列入计划",
    unit="区住房城乡建设委",
    signed_on=date(2026, 5, 8),
    document_number="门残联函〔2026〕12号",
    handler_name="刘建国",
    handler_phone="010-69842211",
)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_reply_letter_title_and_opening():
    paper = reply_letter_paper(LETTER)
    assert paper.title == "关于加强社区无障碍设施改造提案的答复"
    assert paper.addressee == "张明委员："
    assert paper.blocks[0].text == OPENING
    assert reply_title(replace(LETTER, motion_title="关于推广手语的提案（续）")) == (
        "关于推广手语提案（续）的答复"
    )


def test_an_opening_already_written_is_not_repeated():
    paper = reply_letter_paper(replace(LETTER, text=OPENING + "\n已列入计划。"))
    texts = [b.text for b in paper.blocks if hasattr(b, "text")]
    assert texts.count(OPENING) == 1 and texts[1] == "已列入计划。"


def test_reply_letter_pdf(tmp_path, fonts_dir):
    path = tmp_path / "reply.pdf"
    write_pdf(reply_letter_paper(LETTER), path, fonts_dir=fonts_dir)
    pages = pdf_text(path)
    assert len(pages) >= 2
    first = _flat(pages[0])
    for part in (
        "关于加强社区无障碍设施改造提案的答复",
        "门残联函〔2026〕12号",
        "张明委员：",
        _flat(OPENING),
    ):
        assert part in first
    assert "—1—" not in first  # 信函 format: the first page carries no number
    assert "—2—" in _flat(pages[1])
    whole = _flat("".join(pages))
    for part in ("答复类别：B类（正在解决或已列入计划）", "承办人：刘建国", "010-69842211"):
        assert part in whole
    assert "区住房城乡建设委" in whole and "2026年5月8日" in whole
    assert "抄送：区残联主席团办公室" in whole


def test_reply_letter_docx_reads_back(tmp_path):
    path = tmp_path / "reply.docx"
    write_docx(reply_letter_paper(LETTER), path)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    for part in (
        "关于加强社区无障碍设施改造提案的答复",
        "门残联函〔2026〕12号",
        "张明委员：",
        OPENING,
        "答复类别：B类（正在解决或已列入计划）",
        "区住房城乡建设委",
        "2026年5月8日",
        "区残联主席团办公室",
    ):
        assert part in text


def test_assignment_slip(tmp_path, fonts_dir):
    data = AssignmentSlipData(
        organisation="门头沟区残疾人联合会",
        motion_title="关于加强社区无障碍设施改造的提案",
        motion_number="第12号",
        proposer="张明",
        units=(
            AssignedUnit("区住房城乡建设委", "主办", date(2026, 3, 2), date(2026, 6, 2)),
            AssignedUnit("区民政局", "协办", date(2026, 3, 2), date(2026, 4, 2)),
        ),
        co_unit_due=date(2026, 4, 2),
    )
    path = tmp_path / "slip.pdf"
    write_pdf(assignment_slip_paper(data), path, fonts_dir=fonts_dir)
    whole = _flat("".join(pdf_text(path)))
    for part in ("提案交办单", "第12号", "区住房城乡建设委", "区民政局", "2026年6月2日"):
        assert part in whole


def _summary() -> MotionSummaryData:
    line = SummaryLine("第1号", "关于推广手语的提案", "张明", "康复部", "康复", "已答复", "A",
                       "满意", "基本满意", False, True)  # fmt: skip
    late = replace(line, number="第2号", state="办理中", reply_class="", attitude="", result="",
                   overdue=True, contacted=False)  # fmt: skip
    figure = FigureLine("康复部", 2, 1, "50.0%", "100.0%", "100.0%", "A 100.0%", "100.0%", "100.0%",
                        total=3)  # fmt: skip
    total = replace(figure, unit="合计")
    return MotionSummaryData(
        organisation="门头沟区残疾人联合会",
        term_name="第八届主席团",
        lines=(line, late),
        figures=(figure, total),
        on=date(2026, 6, 1),
        by_category=(replace(figure, unit="无障碍环境"), total),
        by_state=(
            replace(figure, unit="办理中", numbered=1, replied=0, reply_rate="0.0%"),
            replace(figure, unit="审查中", total=1, numbered=0, reply_rate="—"),
            total,
        ),
    )


def test_summary_pdf_docx_and_xlsx(tmp_path, fonts_dir):
    paper = motion_summary_paper(_summary())
    assert paper.landscape
    pdf = tmp_path / "s.pdf"
    write_pdf(paper, pdf, fonts_dir=fonts_dir)
    whole = _flat("".join(pdf_text(pdf)))
    for part in (
        "提案办理情况汇总表",
        "第1号",
        "康复部",
        "50.0%",
        "合计",
        "二、按承办单位统计",
        "三、按类别统计",
        "无障碍环境",
        "四、按状态统计",
        "审查中",
        "件数含未立案的提案",
    ):
        assert part in whole  # fmt: skip
    write_docx(paper, tmp_path / "s.docx")
    xlsx = tmp_path / "s.xlsx"
    write_xlsx(paper, xlsx)
    book = openpyxl.load_workbook(xlsx)
    first, second, by_category, by_state = book.worksheets
    assert by_category.title == "按类别统计" and by_category["A2"].value == "类别"
    assert by_category["A3"].value == "无障碍环境"
    assert by_state.title == "按状态统计" and by_state["A2"].value == "状态"
    assert [by_state[f"A{r}"].value for r in (3, 4, 5)] == ["办理中", "审查中", "合计"]
    assert by_state["B4"].value == 1 and by_state["C4"].value == 0 and by_state["E4"].value == "—"
    assert first["A1"].value == paper.title
    assert [c.value for c in first[2]][:3] == ["编号", "提案标题", "提案人"]
    assert first.max_row == 4 and first["J4"].value == "是"
    assert second["B2"].value == "件数" and second["C2"].value == "立案数"
    assert second["A4"].value == "合计" and second["B4"].value == 3 and second["C4"].value == 2
