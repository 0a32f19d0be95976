"""三重一大事项决策记录表 and 年度台账 from hand-made data, through PDF, DOCX and xlsx."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest
from python_calamine import CalamineWorkbook

from models.documents.docx_writer import write_docx
from models.documents.paper import Heading, LabelledLine, texts
from models.documents.papers.decision_record import (
    AFTER,
    BEFORE,
    Attachment,
    DecisionRecordData,
    DiscussionRecord,
    Emergency,
    FollowUpLine,
    PositionLine,
    Recusal,
    Reopening,
    StepLine,
    decision_record_paper,
)
from models.documents.papers.decision_register import (
    REGISTER_HEADERS,
    DecisionRegisterData,
    RegisterLine,
    decision_register_paper,
)
from models.documents.pdf_writer import write_pdf
from models.documents.xlsx_summary import write_xlsx
from tests.test_documents.conftest import FONTS_DIR, pdf_text, poppler

RESERVED = (
    "本人认为该项目资金测算依据不足，康复机构床位使用率近三年均未超过六成，"
    "建议先开展需求调查，再确定采购规模，请记录在案。"
)
POSITIONS = (
    PositionLine(1, "罗志强", "同意", "项目符合年度康复工作要点。"),
    PositionLine(2, "王堃", "同意"),
    PositionLine(3, "上官艳", "不同意", RESERVED, reserved_opinion=True),
    PositionLine(4, "周伟", "同意", "建议分两批采购。"),
    PositionLine(5, "许俊", "同意"),
    PositionLine(6, "崔振华", "同意", "同意，按程序公开采购，执行中向理事会报告进度。"),
)
FIRST = DiscussionRecord(
    meeting="第八届执行理事会第2次会议",
    meeting_date=date(2026, 2, 10),
    agenda_item="关于康复辅具集中采购项目的议题",
    presiding="崔振华",
    leader="崔振华",
    expected=7,
    attendance_words="应到7人，实到6人",
    present=6,
    absent=("秦强",),
    positions=(PositionLine(1, "罗志强", "缓议", "测算材料不全。"),),
    agree=0,
    disagree=0,
    defer=6,
    result="暂缓表决",
)
SECOND = replace(
    FIRST,
    meeting="第八届执行理事会第3次会议",
    meeting_date=date(2026, 3, 5),
    agenda_item="关于康复辅具集中采购项目的议题（续议）",
    attendance_words="应到7人，回避1人，按6人计，实到6人",
    absent=(),
    recused=(Recusal("秦强", "其配偶任意向供应商法定代表人"),),
    positions=tuple(reversed(POSITIONS)),  # printed in speaking order whatever the order given
    agree=5,
    disagree=1,
    defer=0,
    result="通过",
    reopenings=(Reopening("上官艳", date(2026, 3, 12), agree=2, members=7, passed=False),),
)
STEPS = (
    StepLine(
        "残疾人及相关利益方参与",
        BEFORE,
        done_on=date(2026, 1, 20),
        participants="残疾人代表8人",
        summary="召开座谈会听取意见。\n多数赞成集中采购。",
    ),
    StepLine(
        "专家论证",
        BEFORE,
        done_on=date(2026, 1, 28),
        participants="康复专家3人",
        summary="论证认为方案可行。",
        attachments=(
            Attachment("专家论证意见.pdf", "3f2a9b1c0d4e"),
            Attachment("论证会签到表.jpg", "a1b2c3d4e5f6"),
        ),
    ),
    StepLine(
        "法律顾问审查",
        BEFORE,
        not_applicable=True,
        na_reason="采购合同使用区财政局统一范本，无需另行审查",
        na_accepted_by="崔振华",
    ),
    StepLine("社会稳定风险评估", BEFORE),
)
RECORD = DecisionRecordData(
    title="康复辅具集中采购项目",
    category="大额度资金使用",
    amount_text="150万元",
    deciding_body="执行理事会",
    background="为落实年度康复工作要点，拟集中采购轮椅、助听器等康复辅具。",
    state="执行中",
    steps=STEPS,
    discussions=(FIRST, SECOND),
    follow_ups=(
        FollowUpLine("康复部 刘建国", date(2026, 6, 30), "已完成招标文件编制。"),
        FollowUpLine("财务部 赵晓雯", date(2026, 4, 30), "资金已拨付。", date(2026, 4, 20)),
    ),
    printed_on=date(2026, 5, 8),
)
CADRE = DecisionRecordData(
    title="任命李䶮为康复部部长",
    category="重要干部任免",
    deciding_body="党组",
    state="执行中",
    steps=(
        StepLine("动议", BEFORE, date(2026, 2, 1), "党组成员", "党组书记提出动议。"),
        StepLine("任前公示", AFTER),
    ),
    printed_on=date(2026, 5, 8),
)
EMERGENCY = DecisionRecordData(
    title="暴雨受灾残疾人家庭紧急救助",
    category="大额度资金使用",
    amount_text="12万元",
    deciding_body="执行理事会",
    state="紧急处置",
    emergency=Emergency("崔振华", date(2026, 7, 31), "特大暴雨，需当日拨付救助资金。"),
    printed_on=date(2026, 8, 3),
)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf(paper, path: Path) -> str:
    """The text in drawing order (-raw): a table cell's wrapped lines stay together."""
    assert write_pdf(paper, path, fonts_dir=FONTS_DIR) == []
    return _flat("".join(pdf_text(path, "-raw")))


def test_the_record_prints_every_step_position_and_recusal(tmp_path):
    paper = decision_record_paper(RECORD)
    assert not paper.landscape and paper.title == "三重一大事项决策记录表"
    flat = _pdf(paper, tmp_path / "record.pdf")
    for part in (
        "事项名称康复辅具集中采购项目",
        "事项类别大额度资金使用",
        "金额150万元",
        "决策机构执行理事会",
        "一、决策前必经程序",
        "召开座谈会听取意见。多数赞成集中采购。",
        "专家论证意见.pdf（校验码3f2a9b1c0d4e）论证会签到表.jpg（校验码a1b2c3d4e5f6）",
        "附件校验码为该文件SHA-256值的前12位",
        "不适用：采购合同使用区财政局统一范本，无需另行审查，崔振华认可",
        "二、集体讨论",
        "（一）第八届执行理事会第2次会议",
        "表决结果：同意0人，不同意0人，缓议6人，结果：暂缓表决",
        "未出席秦强",
        "（二）第八届执行理事会第3次会议",
        "2026年3月5日",
        "应到7人，回避1人，按6人计，实到6人",
        "秦强（其配偶任意向供应商法定代表人）",
        "表决结果：同意5人，不同意1人，缓议0人，结果：通过",
        "复议：2026年3月12日，上官艳提请复议；成员7人，同意复议2人，未达成员半数，不予复议。",
        "三、执行情况",
        "已完成招标文件编制。",
        "2026年4月20日",
        "2026年5月8日",
    ):
        assert part in flat, part
    assert "按6人计" in flat
    # the missing risk assessment says so in its date and its summary, never a blank cell
    risk = flat[flat.index("社会稳定风险评估") :]
    assert risk.startswith("社会稳定风险评估未完成—未完成无")
    for line in POSITIONS:
        assert f"{line.order}{line.name}{line.position}" in flat, line
        assert _flat(line.remarks) in flat, line
    assert "（保留意见）" + RESERVED in flat
    # speaking order: the principal leader, given first, is printed last
    assert flat.index("1罗志强同意") < flat.index("5许俊同意") < flat.index("6崔振华同意")
    # the unfinished follow-up says so; the finished one has its day
    assert flat.count("未完成") == 3
    assert "决策后程序" not in flat  # no after steps for this category


def test_the_record_flows_onto_a_second_page_with_page_numbers(tmp_path):
    path = tmp_path / "record.pdf"
    write_pdf(decision_record_paper(RECORD), path, fonts_dir=FONTS_DIR)
    pages = pdf_text(path)
    assert len(pages) >= 2
    assert "— 1 —" in pages[0] and "— 2 —" in pages[1]


def test_cadre_appointment_has_its_after_step_and_no_discussion_yet(tmp_path):
    flat = _pdf(decision_record_paper(CADRE), tmp_path / "cadre.pdf")
    assert "决策机构党组" in flat and "金额—" in flat
    assert (
        flat.index("一、决策前必经程序") < flat.index("二、集体讨论") < flat.index("三、决策后程序")
    )
    assert "尚未提交集体讨论。" in flat
    assert "任前公示未完成—未完成无" in flat
    assert "四、执行情况尚无执行情况记录。" in flat


def test_emergency_comes_first_and_says_whether_it_was_reported(tmp_path):
    paper = decision_record_paper(EMERGENCY)
    headings = [b.text for b in paper.blocks if isinstance(b, Heading)]
    assert headings[0] == "一、紧急处置"
    assert "尚未向会议报告" in texts(paper)
    reported = replace(
        EMERGENCY.emergency, reported_at="第八届执行理事会第5次会议", reported_on=date(2026, 8, 20)
    )
    flat = _pdf(decision_record_paper(replace(EMERGENCY, emergency=reported)), tmp_path / "e.pdf")
    assert "处置人崔振华" in flat and "特大暴雨，需当日拨付救助资金。" in flat
    assert "已向第八届执行理事会第5次会议（2026年8月20日）报告" in flat
    assert "未经决策前必经程序；处置情况向下次会议报告。" in flat


def test_an_undecided_discussion_says_so():
    pending = replace(SECOND, positions=(), result=None, reopenings=())
    paper = decision_record_paper(replace(RECORD, discussions=(pending,)))
    assert LabelledLine("表决结果：", "尚未表决") in paper.blocks
    assert "表态情况：尚未记录。" in texts(paper)


def test_record_pdf_embeds_every_font(tmp_path):
    path = tmp_path / "record.pdf"
    write_pdf(decision_record_paper(RECORD), path, fonts_dir=FONTS_DIR)
    rows = [line.split() for line in poppler("pdffonts", str(path)).splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows)


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_record_docx_has_the_same_texts(tmp_path):
    paper = decision_record_paper(RECORD)
    path = tmp_path / "record.docx"
    write_docx(paper, path)
    text = _docx_text(path)
    for piece in texts(paper):
        assert piece in text, piece
    assert "（保留意见）" + RESERVED in text


LINES = (
    RegisterLine(
        "康复辅具集中采购项目",
        "大额度资金使用",
        "执行理事会",
        "执行中",
        amount_text="150万元",
        meeting="第八届执行理事会第3次会议",
        meeting_date=date(2026, 3, 5),
        expected=7,
        recused=1,
        present=6,
        result="通过",
        follow_up="已完成1项，共2项",
    ),
    RegisterLine("任命李䶮为康复部部长", "重要干部任免", "党组", "准备中"),
)
REGISTER = DecisionRegisterData(2026, LINES, printed_on=date(2026, 12, 31))


def test_register_pdf_and_docx(tmp_path):
    paper = decision_register_paper(REGISTER)
    assert paper.landscape and paper.title == "2026年三重一大事项台账"
    flat = _pdf(paper, tmp_path / "register.pdf")
    for part in (
        "2026年三重一大事项台账",
        "".join(REGISTER_HEADERS),
        "1康复辅具集中采购项目大额度资金使用150万元执行理事会",
        "第八届执行理事会第3次会议（2026年3月5日）",
        "7/1/6通过执行中已完成1项，共2项",
        "2任命李䶮为康复部部长重要干部任免—党组———准备中—",
        "本年度共2项。",
        "2026年12月31日",
    ):
        assert part in flat, part
    rows = [
        line.split()
        for line in poppler("pdffonts", str(tmp_path / "register.pdf")).splitlines()[2:]
    ]
    assert rows and all(row[-5] == "yes" for row in rows)
    write_docx(paper, tmp_path / "register.docx")
    text = _docx_text(tmp_path / "register.docx")
    for piece in texts(paper):
        assert piece in text, piece


def test_an_empty_year_prints_a_register_that_says_so(tmp_path):
    flat = _pdf(decision_register_paper(replace(REGISTER, lines=())), tmp_path / "empty.pdf")
    assert "".join(REGISTER_HEADERS) in flat and "本年度无三重一大事项。" in flat


@pytest.mark.parametrize("lines", [LINES, ()])
def test_register_xlsx_reads_back(tmp_path, lines):
    path = tmp_path / "register.xlsx"
    write_xlsx(decision_register_paper(replace(REGISTER, lines=lines)), path)
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["2026年三重一大事项台账"]
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0][0] == "2026年三重一大事项台账"
    assert tuple(rows[1]) == REGISTER_HEADERS
    assert len(rows) == 2 + len(lines)
    if lines:
        assert rows[2][:4] == [1, "康复辅具集中采购项目", "大额度资金使用", "150万元"]
        assert rows[2][6:] == ["7/1/6", "通过", "执行中", "已完成1项，共2项"]
        assert rows[3][5:8] == ["—", "—", "—"]


def test_a_deferral_without_positions_prints_its_note_not_a_tally_of_zeros(tmp_path):
    deferred = replace(
        FIRST, positions=(), agree=0, disagree=0, defer=0, result="暂缓表决", note="补充论证后再议"
    )
    follow_up = FollowUpLine("办公室", date(2026, 5, 1), "已招标", None, task="组织公开招标")
    record = replace(RECORD, discussions=(deferred,), follow_ups=(follow_up,))
    flat = _pdf(decision_record_paper(record), tmp_path / "d.pdf")
    assert "表决结果：暂缓表决" in flat and "同意0人" not in flat
    assert "备注：补充论证后再议" in flat
    assert "组织公开招标" in flat and "执行事项" in flat
