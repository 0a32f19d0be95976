"""并案 replies: one joint letter (one 发文字号, every proposer) or a letter each with its own number."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.domain.errors import DomainError
from models.domain.motion_workflow import MotionState
from models.entities import Feedback, MotionStateChange, Reply
from models.services.motions.commands.intake import merge_motion, register_motion
from models.services.motions.commands.replies import rate_motion, send_reply
from models.services.motions.contracts import MotionDraft, ReplyDraft, ReplyMode
from models.services.motions.queries import get_motion, reply_letter_summary
from models.services.papers._motion_papers import reply_letter_data, term_reply_letters
from models.services.papers.commands import write_paper, write_reply_letters
from models.services.papers.contracts import PaperFormat, PaperKind, PaperRequest
from models.services.papers.queries import reply_letter_targets
from tests.test_documents.conftest import pdf_text

from .test_motions import handling, step, version
from .test_motions_setup import Setup, build_setup

JOINT, SEPARATE = ReplyMode.JOINT, ReplyMode.SEPARATE
FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
LEAD_NUMBER = "门残联函〔2026〕40号"


@pytest.fixture
def setup(db) -> Setup:
    return build_setup(db)


def merged(db, setup: Setup, lead: int, title: str, proposer: str) -> int:
    draft = MotionDraft(title=title, proposer_id=setup.people[proposer])
    motion_id = register_motion(db, user="clerk", draft=draft).id
    step(db, motion_id, "submit")
    step(db, motion_id, "start_review")
    merge_motion(
        db, user="clerk", motion_id=motion_id, expected_version=version(db, motion_id), lead_id=lead
    )
    return motion_id


@pytest.fixture
def three(db, setup) -> tuple[int, int, int]:
    """A lead in 办理中 (第1号, 甲委员) and two merged motions (第2号 乙委员, 第3号 丙委员)."""
    lead = handling(db, setup, "关于加强无障碍环境建设的提案")
    first = merged(db, setup, lead, "关于改造盲道的提案", "乙委员")
    second = merged(db, setup, lead, "关于增设无障碍卫生间的提案", "丙委员")
    return lead, first, second


def answer(db, motion_id: int, **extra):
    values = {
        "reply_class": "A",
        "text": "您提出的《关于加强无障碍环境建设的提案》（第1号）收悉，现答复如下：\n已完成改造。",
        "signer": "王主任",
        "signed_on": date(2026, 3, 1),
        "sent_on": date(2026, 3, 2),
        "document_number": LEAD_NUMBER,
    }
    values.update(extra)
    return send_reply(
        db,
        user="clerk",
        motion_id=motion_id,
        expected_version=version(db, motion_id),
        reply=ReplyDraft(**values),
    )


def replies(db) -> list[tuple[int, str | None, int | None]]:
    with db.session_factory() as session:
        rows = session.execute(
            select(Reply.motion_id, Reply.document_number, Reply.joint_reply_id).order_by(Reply.id)
        )
        return [tuple(r) for r in rows]


def states(db, *ids: int) -> list[MotionState]:
    return [get_motion(db, i).row.state for i in ids]


def test_a_joint_letter_has_one_number_and_links_the_rows(db, three):
    lead, first, second = three
    answer(db, lead, mode=JOINT)
    rows = replies(db)
    assert [(m, n) for m, n, _ in rows] == [
        (lead, LEAD_NUMBER),
        (first, LEAD_NUMBER),
        (second, LEAD_NUMBER),
    ]
    with db.session_factory() as session:
        lead_reply = session.scalar(select(Reply.id).where(Reply.motion_id == lead))
    assert [j for _, _, j in rows] == [None, lead_reply, lead_reply]
    assert states(db, lead, first, second) == [MotionState.REPLIED] * 3

    data = reply_letter_data(
        db, motion_id=second
    )  # any motion of the letter prints the joint letter
    assert data == reply_letter_data(db, motion_id=lead)
    assert data.proposers == ("甲委员", "乙委员", "丙委员")
    assert [m.number for m in data.answered] == ["第1号", "第2号", "第3号"]
    assert data.document_number == LEAD_NUMBER
    summary = reply_letter_summary(db, first)
    assert summary is not None and summary.joint
    assert (summary.lead_number, summary.numbers) == ("第1号", ("第1号", "第2号", "第3号"))
    # a batch reads the same joint letter, once, named by all three numbers
    ((target, batched),) = term_reply_letters(db, term=7)
    assert (target.number_text, batched) == ("第1号、第2号、第3号", data)


def test_feedback_stays_per_motion_in_a_joint_letter(db, three):
    lead, first, second = three
    answer(db, lead, mode=JOINT)
    for motion_id, result in ((first, "满意"), (second, "不满意"), (lead, "基本满意")):
        rate_motion(
            db,
            user="clerk",
            motion_id=motion_id,
            expected_version=version(db, motion_id),
            attitude="满意",
            result=result,
            rated_on=date(2026, 3, 10),
        )
    assert states(db, lead, first, second) == [
        MotionState.CLOSED,
        MotionState.CLOSED,
        MotionState.REHANDLING,
    ]
    with db.session_factory() as session:
        feedback = session.execute(
            select(Feedback.motion_id, Feedback.result, Reply.motion_id)
            .join(Reply, Reply.id == Feedback.reply_id)
            .order_by(Feedback.motion_id)
        ).all()
    assert sorted(tuple(f) for f in feedback) == sorted(
        [(lead, "基本满意", lead), (first, "满意", first), (second, "不满意", second)]
    )
    # The re-handled merged motion gets a letter of its own; the joint letter still has three.
    answer(db, second, document_number="门残联函〔2026〕41号")
    own = reply_letter_data(db, motion_id=second)
    assert (own.document_number, own.proposers, own.joined) == (
        "门残联函〔2026〕41号",
        ("丙委员",),
        (),
    )
    assert len(reply_letter_data(db, motion_id=first).answered) == 3


def test_separate_letters_have_their_own_numbers(db, three):
    lead, first, second = three
    answer(
        db,
        lead,
        mode=SEPARATE,
        follower_numbers=((first, "门残联函〔2026〕42号"), (second, None)),
    )
    assert replies(db) == [
        (lead, LEAD_NUMBER, None),
        (first, "门残联函〔2026〕42号", None),
        (second, None, None),
    ]
    assert states(db, first, second) == [MotionState.REPLIED] * 2
    data = reply_letter_data(db, motion_id=first)
    assert (data.motion_number, data.proposers, data.joined) == ("第2号", ("乙委员",), ())
    assert data.document_number == "门残联函〔2026〕42号"
    assert not reply_letter_summary(db, first).joint
    assert [n for _id, n in reply_letter_targets(db, term=7)] == ["第1号", "第2号", "第3号"]
    batch = term_reply_letters(db, term=7)
    assert [t for t, _data in batch] == reply_letter_targets(db, term=7)
    assert [d for _t, d in batch] == [reply_letter_data(db, motion_id=i) for i in three]


def _nothing_written(db, *ids: int) -> None:
    assert replies(db) == []
    assert states(db, *ids) == [MotionState.HANDLING, MotionState.MERGED, MotionState.MERGED]
    with db.session_factory() as session:
        moves = session.scalar(
            select(func.count())
            .select_from(MotionStateChange)
            .where(MotionStateChange.action.in_(("reply", "lead_replied")))
        )
    assert moves == 0


@pytest.mark.parametrize(
    ("numbers", "code", "field"),
    [
        ((("first", "门残联函〔2026〕42号"), ("second", "门残联函〔2026〕42号")), "reply_number_twice", "follower_numbers"),
        ((("first", LEAD_NUMBER),), "reply_number_twice", "follower_numbers"),
        ((("first", "x" * 65),), "text_too_long", "follower_numbers"),
    ],
)  # fmt: skip
def test_a_number_given_twice_is_refused_and_nothing_is_written(db, three, numbers, code, field):
    lead, first, second = three
    ids = {"first": first, "second": second}
    with pytest.raises(DomainError) as err:
        answer(db, lead, mode=SEPARATE, follower_numbers=tuple((ids[k], n) for k, n in numbers))
    assert (err.value.code, err.value.field) == (code, field)
    _nothing_written(db, lead, first, second)


def test_a_number_used_by_another_letter_of_the_term_is_refused(db, setup, three):
    lead, first, second = three
    other = handling(db, setup, "关于残疾人就业的提案")
    answer(db, other, document_number="门残联函〔2026〕50号")
    before = replies(db)
    for extra, field in (
        ({"mode": JOINT, "document_number": "门残联函〔2026〕50号"}, "document_number"),
        (
            {"mode": SEPARATE, "follower_numbers": ((second, "门残联函〔2026〕50号"),)},
            "follower_numbers",
        ),
    ):
        with pytest.raises(DomainError) as err:
            answer(db, lead, **extra)
        assert (err.value.code, err.value.field) == ("reply_number_used", field)
        assert err.value.params["motion"] == "第4号"
    assert replies(db) == before
    assert states(db, lead, first, second) == [
        MotionState.HANDLING,
        MotionState.MERGED,
        MotionState.MERGED,
    ]


def test_an_unknown_follower_or_mode_is_refused(db, setup, three):
    lead, _first, _second = three
    stranger = handling(db, setup, "另一件提案")
    with pytest.raises(DomainError) as err:
        answer(db, lead, mode=SEPARATE, follower_numbers=((stranger, "门残联函〔2026〕43号"),))
    assert err.value.code == "reply_follower_unknown"
    with pytest.raises(DomainError) as err:
        answer(db, lead, mode="together")
    assert (err.value.code, err.value.field) == ("value_invalid", "mode")
    assert replies(db) == []


def _flat(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(pdf_text(path)))


def test_the_joint_letter_prints_every_proposer_and_motion_once(db, three, tmp_path):
    lead, first, _second = three
    answer(db, lead, mode=JOINT)
    path = tmp_path / "joint.pdf"
    request = PaperRequest(PaperKind.REPLY, motion_id=first)
    write_paper(db, user="clerk", request=request, path=path, fonts_dir=FONTS)
    text = _flat(path)
    # The setup's people are called 甲委员, 乙委员 …: the line adds 委员 once, after them all.
    assert "甲委员、乙委员、丙委员委员：" in text
    opening = (
        "您们提出的《关于加强无障碍环境建设的提案》（第1号）、《关于改造盲道的提案》（第2号）、"
        "《关于增设无障碍卫生间的提案》（第3号）收悉，现答复如下："
    )
    assert opening in text
    assert text.count("收悉") == 1  # the lead's own opening gave way to the joint one
    assert text.count(LEAD_NUMBER) == 1

    letters = write_reply_letters(
        db, user="clerk", term=7, fmt=PaperFormat.PDF, directory=tmp_path / "all", fonts_dir=FONTS
    )
    assert [f.name for f in letters.files] == ["第1号、第2号、第3号答复函.pdf"]
