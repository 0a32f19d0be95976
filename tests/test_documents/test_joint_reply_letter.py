"""The joint 答复函 (联合答复) of a lead motion and its merged motions, and openings already written."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from models.documents.papers.reply_letter import (
    AnsweredMotion,
    ReplyLetterData,
    reply_letter_paper,
)
from models.documents.pdf_writer import write_pdf

from .conftest import pdf_text

LEAD_OPENING = "您提出的《关于加强社区无障碍设施改造的提案》（第12号）收悉，现答复如下："
JOINT = ReplyLetterData(
    motion_title="关于加强社区无障碍设施改造的提案",
    motion_number="第12号",
    proposers=("张明", "李华", "王芳"),
    text=LEAD_OPENING + "\n已将改造纳入年度计划。",
    reply_class="B",
    class_text="正在解决或已列入计划",
    unit="区住房城乡建设委",
    signed_on=date(2026, 5, 8),
    document_number="门残联函〔2026〕12号",
    joined=(
        AnsweredMotion("关于改造盲道的提案", "第15号"),
        AnsweredMotion("关于增设无障碍卫生间的提案", "第21号"),
    ),
)
JOINT_OPENING = (
    "您们提出的《关于加强社区无障碍设施改造的提案》（第12号）、《关于改造盲道的提案》（第15号）、"
    "《关于增设无障碍卫生间的提案》（第21号）收悉，现答复如下："
)


def _texts(data: ReplyLetterData) -> list[str]:
    return [b.text for b in reply_letter_paper(data).blocks if hasattr(b, "text")]


def test_a_joint_letter_names_every_proposer_and_motion():
    paper = reply_letter_paper(JOINT)
    assert paper.addressee == "张明、李华、王芳委员："
    assert paper.title == "关于加强社区无障碍设施改造提案的答复"  # the lead's
    assert paper.doc_number == "门残联函〔2026〕12号"
    # The lead's opening, copied from the form's template, gives way to the joint one.
    assert _texts(JOINT)[:2] == [JOINT_OPENING, "已将改造纳入年度计划。"]


def test_one_proposer_of_two_merged_motions_is_addressed_once():
    data = replace(JOINT, proposers=("张明", "张明"), joined=JOINT.joined[:1])
    assert reply_letter_paper(data).addressee == "张明委员："
    assert _texts(data)[0].startswith(
        "您提出的《关于加强社区无障碍设施改造的提案》（第12号）、《关于"
    )


def test_an_opening_naming_every_motion_is_kept_and_a_stale_one_replaced():
    own = "您们提出的《关于加强社区无障碍设施改造的提案》等三件提案收悉，现答复如下：已列入计划。"
    # Not every motion named in 《》: the letter's own opening, the rest of the line kept.
    assert _texts(replace(JOINT, text=own))[:2] == [JOINT_OPENING, "已列入计划。"]
    named = JOINT_OPENING.replace("现答复如下：", "经研究，现答复如下：")
    assert _texts(replace(JOINT, text=named))[0] == named
    # A separate letter of a merged motion carries its lead's text: its own motion is named.
    single = replace(
        JOINT,
        motion_title="关于改造盲道的提案",
        motion_number="第15号",
        proposers=("李华",),
        joined=(),
        text=LEAD_OPENING + "一、已列入计划。",
    )
    assert _texts(single)[:2] == [
        "您提出的《关于改造盲道的提案》（第15号）收悉，现答复如下：",
        "一、已列入计划。",
    ]


def test_the_joint_letter_through_pdftotext(tmp_path, fonts_dir):
    path = tmp_path / "joint.pdf"
    write_pdf(reply_letter_paper(JOINT), path, fonts_dir=fonts_dir)
    text = re.sub(r"\s+", "", "".join(pdf_text(path)))
    assert "张明、李华、王芳委员：" in text
    assert JOINT_OPENING in text
    for title, number in (
        ("关于加强社区无障碍设施改造的提案", "第12号"),
        ("关于改造盲道的提案", "第15号"),
        ("关于增设无障碍卫生间的提案", "第21号"),
    ):
        assert f"《{title}》（{number}）" in text
    assert text.count("门残联函〔2026〕12号") == 1
