"""新建提案 on a day-one database (no demo): add, edit while 审查中/退回修改, resubmit, and the
member look-up by name or pinyin — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.motion_texts import split_body
from models.domain.motion_workflow import MotionState
from models.entities import Motion
from models.services.motions.commands.entry import add_motion, edit_motion, resubmit_motion
from models.services.motions.commands.intake import advance_motion
from models.services.motions.contracts import MotionDraft
from models.services.motions.queries import (
    get_motion,
    list_motions,
    presidium_members,
    resolve_presidium_member,
)

from ._motions_day_one import build_day_one


def _motions(db) -> int:
    with db.session_factory() as session:
        return session.scalar(select(func.count()).select_from(Motion)) or 0


def _draft(f, **extra) -> MotionDraft:
    values = {
        "title": "加快社区无障碍设施改造",
        "proposer_id": f.members["王芳"],
        "co_signer_ids": (f.members["李娜"], f.members["赵敏"]),
        "category": "无障碍",
        "cause": "老旧小区缺少坡道",
        "reasons": "轮椅使用者出行困难",
        "proposals": "列入年度改造计划",
        "submitted_on": date(2024, 3, 1),
    }
    return MotionDraft(**(values | extra))


def test_add_motion_enters_submitted_with_its_history_and_three_texts(db):
    f = build_day_one(db)
    row = add_motion(db, user="clerk", draft=_draft(f))
    assert row.state is MotionState.SUBMITTED
    assert row.term == 8 and row.category == "无障碍"
    assert row.co_signers == ("李娜", "赵敏")
    detail = get_motion(db, row.id)
    assert detail.submitted_on == date(2024, 3, 1)
    assert [(c.action, c.to_state) for c in detail.history] == [("submit", MotionState.SUBMITTED)]
    texts = split_body(detail.body_text)
    assert (texts.cause, texts.reasons, texts.proposals) == (
        "老旧小区缺少坡道",
        "轮椅使用者出行困难",
        "列入年度改造计划",
    )
    listed = list_motions(db, term=8)
    assert [(m.title, m.co_signers) for m in listed] == [(row.title, ("李娜", "赵敏"))]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"title": "  "}, "motion_field_required"),
        ({"category": "天气"}, "motion_category_unknown"),
        ({"category": None}, "motion_field_required"),
    ],
)
def test_bad_fields_are_refused_and_nothing_is_written(db, change, code):
    f = build_day_one(db)
    with pytest.raises(DomainError) as err:
        add_motion(db, user="clerk", draft=_draft(f, **change))
    assert err.value.code == code
    assert _motions(db) == 0


def test_people_rules_name_the_person(db):
    f = build_day_one(db)
    cases = [
        ({"proposer_id": f.outsider}, "proposer_not_member", "刘洋"),
        ({"co_signer_ids": (f.outsider,)}, "co_signer_not_member", "刘洋"),
        ({"co_signer_ids": (f.members["李娜"],) * 2}, "co_signer_twice", "李娜"),
        ({"co_signer_ids": (f.members["王芳"],)}, "co_signer_is_proposer", "王芳"),
    ]
    for change, code, name in cases:
        with pytest.raises(DomainError) as err:
            add_motion(db, user="clerk", draft=_draft(f, **change))
        assert err.value.code == code
        assert name in message(err.value.code, err.value.params)
    assert _motions(db) == 0


def test_edit_while_under_review_is_recorded_and_a_stale_save_is_refused(db):
    f = build_day_one(db)
    row = add_motion(db, user="clerk", draft=_draft(f))
    with pytest.raises(DomainError) as err:  # 已提交: not yet editable
        edit_motion(
            db, user="clerk", motion_id=row.id, expected_version=row.version, draft=_draft(f)
        )
    assert err.value.code == "motion_not_editable"
    row = advance_motion(
        db, user="clerk", motion_id=row.id, expected_version=row.version, action="start_review"
    )
    edited = edit_motion(
        db,
        user="clerk",
        motion_id=row.id,
        expected_version=row.version,
        draft=_draft(f, title="加快老旧小区无障碍改造", co_signer_ids=(f.members["赵敏"],)),
    )
    assert edited.title == "加快老旧小区无障碍改造" and edited.co_signers == ("赵敏",)
    assert edited.state is MotionState.UNDER_REVIEW
    history = get_motion(db, row.id).history
    assert [c.action for c in history] == ["submit", "start_review", "编辑"]
    with pytest.raises(DomainError) as err:
        edit_motion(
            db, user="clerk", motion_id=row.id, expected_version=row.version, draft=_draft(f)
        )
    assert err.value.code.startswith("stale")
    assert get_motion(db, row.id).row.title == "加快老旧小区无障碍改造"


def test_resubmit_after_revision_takes_the_revised_text(db):
    f = build_day_one(db)
    row = add_motion(db, user="clerk", draft=_draft(f))
    for action, reason in (("start_review", None), ("return_for_revision", "办法不具体")):
        row = advance_motion(
            db,
            user="clerk",
            motion_id=row.id,
            expected_version=row.version,
            action=action,
            reason=reason,
        )
    assert row.state is MotionState.REVISING
    again = resubmit_motion(
        db,
        user="clerk",
        motion_id=row.id,
        expected_version=row.version,
        draft=_draft(f, proposals="2025 年底前完成 30 个小区"),
    )
    assert again.state is MotionState.SUBMITTED
    detail = get_motion(db, row.id)
    assert split_body(detail.body_text).proposals == "2025 年底前完成 30 个小区"
    assert [c.action for c in detail.history][-2:] == ["编辑", "resubmit"]
    with pytest.raises(DomainError) as err:  # 已提交 again: no second resubmit
        resubmit_motion(
            db, user="clerk", motion_id=row.id, expected_version=again.version, draft=_draft(f)
        )
    assert err.value.code == "transition_not_allowed"


def test_rejected_as_suggestion_is_kept(db):
    f = build_day_one(db)
    row = add_motion(db, user="clerk", draft=_draft(f))
    row = advance_motion(
        db, user="clerk", motion_id=row.id, expected_version=row.version, action="start_review"
    )
    row = advance_motion(
        db,
        user="clerk",
        motion_id=row.id,
        expected_version=row.version,
        action="reject",
        reason="属于个人诉求",
        as_suggestion=True,
    )
    assert row.state is MotionState.REJECTED
    with db.session_factory() as session:
        assert session.get(Motion, row.id).as_suggestion is True


def test_members_are_found_by_name_pinyin_or_number_and_a_shared_name_is_refused(db):
    f = build_day_one(db)
    assert [m.name for m in presidium_members(db, text="wf")] == ["王芳"]
    assert [m.name for m in presidium_members(db, text="lina")] == ["李娜"]
    assert "刘洋" not in [m.name for m in presidium_members(db)]
    assert resolve_presidium_member(db, value="赵敏") == f.members["赵敏"]
    assert resolve_presidium_member(db, value="wangfang") == f.members["王芳"]
    assert resolve_presidium_member(db, value=str(f.zhang_wei[1])) == f.zhang_wei[1]
    with pytest.raises(DomainError) as err:
        resolve_presidium_member(db, value="张伟")
    assert err.value.code == "proposer_ambiguous"
    assert (
        message(err.value.code, err.value.params).count("张伟") == 3
    )  # the value and both members
    with pytest.raises(DomainError) as err:
        resolve_presidium_member(db, value="刘洋")
    assert err.value.code == "member_not_found"


def test_the_motion_form_prints_the_three_texts_under_their_headings(db):
    from models.services.papers._motion_papers import motion_form_data

    f = build_day_one(db)
    row = add_motion(db, user="clerk", draft=_draft(f))
    data = motion_form_data(db, motion_id=row.id)
    assert (data.cause, data.reasons, data.proposals) == (
        "老旧小区缺少坡道",
        "轮椅使用者出行困难",
        "列入年度改造计划",
    )
    assert data.co_signers == ("李娜", "赵敏")
