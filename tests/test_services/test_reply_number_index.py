"""The 发文字号 is unique in its term by the database too (migration 0013), on both backends:
a duplicate written behind the service's back is refused by the index; the legitimate repeats
(a re-reply keeping its own number, a joint letter's rows) pass; two clerks giving one number at
the same instant get the service's own refusal, not a traceback."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from models.domain.errors import DomainError
from models.entities import Motion, Reply
from models.services.motions import _replies

from .test_motions import handling, rate, reply
from .test_motions_setup import Setup, build_setup

NUMBER = "门残联函〔2026〕77号"


@pytest.fixture
def setup(db) -> Setup:
    return build_setup(db)


def _reply_count(db) -> int:
    with db.session_factory() as session:
        return session.scalar(select(func.count()).select_from(Reply)) or 0


def test_a_duplicate_behind_the_services_back_is_refused_by_the_index(db, setup):
    first = handling(db, setup, "甲")
    second = handling(db, setup, "乙")
    reply(db, first, document_number=NUMBER)
    with pytest.raises(IntegrityError), db.unit_of_work("intruder") as uow:
        motion = uow.session.get(Motion, second)
        original = uow.session.scalars(select(Reply).where(Reply.motion_id == first)).one()
        uow.session.add(
            Reply(
                motion_id=second,
                term_id=motion.term_id,
                reply_class="A",
                text="绕过服务直接写入",
                document_number=NUMBER,
                signer="某人",
                signed_on=original.signed_on,
                sent_on=original.sent_on,
            )
        )
        uow.session.flush()
    assert _reply_count(db) == 1


def test_a_re_reply_keeps_its_own_number_and_is_marked_a_repeat(db, setup):
    motion_id = handling(db, setup, "丙")
    reply(db, motion_id, document_number=NUMBER)
    rate(db, motion_id, "不满意")
    reply(db, motion_id, document_number=NUMBER)
    with db.session_factory() as session:
        rows = session.scalars(select(Reply).where(Reply.motion_id == motion_id).order_by(Reply.id))
        assert [(r.document_number, r.repeats_number) for r in rows] == [
            (NUMBER, False),
            (NUMBER, True),
        ]


def test_two_clerks_at_once_get_the_services_refusal(db, setup, monkeypatch):
    """The second clerk's check ran before the first clerk's commit: it saw the number free.
    The index refuses the insert; the refusal reads as the check's, naming the other motion."""
    first = handling(db, setup, "丁")
    second = handling(db, setup, "戊")
    reply(db, first, document_number=NUMBER)
    real_check = _replies._check_numbers
    calls: list[int] = []

    def blind_then_real(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            return None  # what the racing clerk's check saw: the number still free
        return real_check(*args, **kwargs)

    monkeypatch.setattr(_replies, "_check_numbers", blind_then_real)
    with pytest.raises(DomainError) as refused:
        reply(db, second, document_number=NUMBER)
    assert refused.value.code == "reply_number_used"
    assert refused.value.params["number"] == NUMBER
    assert refused.value.params["motion"].startswith("第")
    assert len(calls) == 2 and _reply_count(db) == 1
