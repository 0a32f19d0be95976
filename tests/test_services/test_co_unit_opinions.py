"""协办单位意见: entered per co-unit (text, date, who), refused for a non-co-unit or an empty text,
one history row each, printed with the reply letter."""

from __future__ import annotations

import re
from datetime import date

import docx
import pytest
from sqlalchemy import func, select

from models.documents.docx_writer import write_docx
from models.documents.papers.reply_letter import reply_letter_paper
from models.documents.pdf_writer import write_pdf
from models.domain.errors import DomainError
from models.domain.messages import message
from models.entities import Assignment, MotionStateChange
from models.services.motions.commands.co_units import OPINION_ACTION, record_co_unit_opinion
from models.services.papers._motion_papers import reply_letter_data
from tests.test_documents.conftest import FONTS_DIR, pdf_text

from .test_motions import handling, reply
from .test_motions_setup import Setup, build_setup


@pytest.fixture
def setup(db) -> Setup:
    return build_setup(db)


def _history(db, motion_id: int) -> int:
    with db.session_factory() as session:
        return session.scalar(
            select(func.count())
            .select_from(MotionStateChange)
            .where(MotionStateChange.motion_id == motion_id)
        )


def _opinions(db, motion_id: int) -> list[tuple[str | None, date | None, str | None]]:
    with db.session_factory() as session:
        rows = session.scalars(
            select(Assignment).where(Assignment.motion_id == motion_id).order_by(Assignment.id)
        )
        return [(a.opinion_text, a.opinion_on, a.opinion_by) for a in rows]


def test_a_co_unit_opinion_is_stored_with_a_history_row(db, setup):
    motion_id = handling(db, setup)
    before = _history(db, motion_id)
    record_co_unit_opinion(
        db,
        user="clerk",
        motion_id=motion_id,
        unit_id=setup.units["区教委"],
        text="  同意主办单位意见，将配合做好校园无障碍改造。 ",
        given_on=date(2026, 1, 20),
        given_by="赵科长",
    )
    assert _opinions(db, motion_id) == [
        (None, None, None),
        ("同意主办单位意见，将配合做好校园无障碍改造。", date(2026, 1, 20), "赵科长"),
    ]
    assert _history(db, motion_id) == before + 1
    with db.session_factory() as session:
        last = session.scalars(
            select(MotionStateChange)
            .where(MotionStateChange.motion_id == motion_id)
            .order_by(MotionStateChange.id.desc())
        ).first()
        assert last.action == OPINION_ACTION and last.by == "clerk"
        assert last.from_state == last.to_state
        assert last.reason.startswith("区教委：")


@pytest.mark.parametrize(
    ("unit", "text", "code"),
    [("康复部", "同意", "co_unit_not_co_unit"), ("区教委", "   ", "co_unit_opinion_missing")],
)
def test_a_lead_unit_or_an_empty_text_is_refused(db, setup, unit, text, code):
    motion_id = handling(db, setup)
    before = _history(db, motion_id)
    with pytest.raises(DomainError) as refused:
        record_co_unit_opinion(
            db,
            user="clerk",
            motion_id=motion_id,
            unit_id=setup.units[unit],
            text=text,
            given_on=date(2026, 1, 20),
        )
    assert refused.value.code == code
    shown = message(refused.value.code, refused.value.params)
    assert ("协办单位" in shown) and (unit in shown or code == "co_unit_opinion_missing")
    assert _history(db, motion_id) == before
    assert all(o == (None, None, None) for o in _opinions(db, motion_id))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_reply_letter_prints_the_opinion(db, setup, tmp_path):
    motion_id = handling(db, setup)
    record_co_unit_opinion(
        db,
        user="clerk",
        motion_id=motion_id,
        unit_id=setup.units["区教委"],
        text="将配合做好校园无障碍改造。",
        given_on=date(2026, 1, 20),
        given_by="赵科长",
    )
    reply(db, motion_id, co_unit_opinions=())
    data = reply_letter_data(db, motion_id=motion_id)
    assert [(o.unit, o.text, o.given_by) for o in data.co_unit_opinions] == [
        ("区教委", "将配合做好校园无障碍改造。", "赵科长")
    ]
    path = tmp_path / "reply.pdf"
    write_pdf(reply_letter_paper(data), path, fonts_dir=FONTS_DIR)
    whole = _flat("".join(pdf_text(path)))
    assert "协办单位意见" in whole
    assert "区教委（赵科长，2026年1月20日）：将配合做好校园无障碍改造。" in whole
    # After the reply's own text and its class line.
    assert whole.index("答复类别") < whole.index("协办单位意见")
    word = tmp_path / "reply.docx"
    write_docx(reply_letter_paper(data), word)
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    assert "协办单位意见" in paragraphs
    assert "区教委（赵科长，2026年1月20日）：将配合做好校园无障碍改造。" in paragraphs


def test_an_opinion_typed_with_the_reply_still_prints(db, setup):
    motion_id = handling(db, setup)
    reply(db, motion_id)  # the draft carries (("区教委", "同意"),)
    data = reply_letter_data(db, motion_id=motion_id)
    assert [(o.unit, o.text) for o in data.co_unit_opinions] == [("区教委", "同意")]
    texts = [getattr(b, "text", "") for b in reply_letter_paper(data).blocks]
    assert "协办单位意见" in texts and "区教委：同意" in texts
