"""Saving a what-if trial of a draft slate (both backends): day one, the demo, and the refusals."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.vocabulary import BodyKind, MembershipStatus, TermStatus
from models.entities import Membership
from models.services.common.settings import record_rules
from models.services.people.commands import add_memberships, add_people, end_membership
from models.services.people.contracts import MembershipDraft, PersonDraft
from models.services.slates.queries import (
    TRIAL_ACTION,
    check_term,
    load_term_slate,
    saved_trials,
    slate_versions,
)
from models.services.slates.trials import apply_trial
from models.services.terms.commands import open_term

from ._support import last_log_id, log_since, valid_id
from .test_slates import RULES_TEXT

# Ten candidates, all 基层一线 and disabled, but no 精神 among them; two reserves.
CANDIDATES = ["视力", "听力", "肢体", "智力", "肢体", "肢体", "视力", "听力", "肢体", "智力"]
RESERVES = ["精神", "肢体"]


def _slate(db, *, status: TermStatus = TermStatus.DRAFT, term: int = 8) -> dict[str, int]:
    """A congress term with CANDIDATES (代表01…) and RESERVES (候补01…); name -> membership id."""
    record_rules(db, user="setup", rules_id="mentougou-2019", content=RULES_TEXT)
    opened = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=term, status=status)
    names = [f"代表{i + 1:02d}" for i in range(len(CANDIDATES))]
    names += [f"候补{i + 1:02d}" for i in range(len(RESERVES))]
    people = add_people(
        db,
        user="setup",
        drafts=[
            PersonDraft(
                name=name,
                gender="男",
                id_number=valid_id(sequence=f"{100 + 2 * i + 1:03d}", birth=f"1970{term:02d}01"),
            )
            for i, name in enumerate(names)
        ],
    )
    elected = MembershipStatus.ELECTED if status is not TermStatus.DRAFT else None
    entries = []
    for i, (person, category) in enumerate(zip(people, CANDIDATES + RESERVES, strict=True)):
        standing = MembershipStatus.CANDIDATE if i < len(CANDIDATES) else MembershipStatus.RESERVE
        entries.append(
            (
                person.id,
                MembershipDraft(
                    position="代表",
                    status=(elected or standing).value,
                    disability_category=category,
                    is_frontline=True,
                ),
            )
        )
    rows = add_memberships(db, user="setup", term_id=opened.id, entries=entries)
    return {"term": opened.id} | {p.name: r.id for p, r in zip(people, rows, strict=True)}


def _statuses(db, term_id: int) -> dict[int, MembershipStatus]:
    with db.session_factory() as session:
        return dict(
            session.execute(
                select(Membership.id, Membership.status).where(Membership.term_id == term_id)
            ).all()
        )


def _apply(db, ids: dict[str, int], *, left=(), brought=(), reason="精神残疾人代表空缺", **kw):
    versions = kw.pop("versions", None)
    return apply_trial(
        db,
        user=kw.pop("user", "clerk"),
        term_id=ids["term"],
        left_out=[ids[n] for n in left],
        brought_in=[ids[n] for n in brought],
        reason=reason,
        expected_versions=versions
        if versions is not None
        else slate_versions(db, term_id=ids["term"]),
    )


def test_a_swap_on_day_one_changes_the_slate_and_records_the_check(db):
    ids = _slate(db)
    _, before = check_term(db, kind=BodyKind.CONGRESS, term=8)
    assert before.result("congress.category.psychosocial").status == "fail"
    since = last_log_id(db)

    saved = _apply(db, ids, left=["代表05"], brought=["候补01"])

    statuses = _statuses(db, ids["term"])
    assert statuses[ids["代表05"]] is MembershipStatus.RESERVE  # stays on record
    assert statuses[ids["候补01"]] is MembershipStatus.CANDIDATE
    assert statuses[ids["候补02"]] is MembershipStatus.RESERVE
    slate, after = check_term(db, kind=BodyKind.CONGRESS, term=8)
    assert len(slate.people) == len(CANDIDATES)
    assert after.result("congress.category.psychosocial").status == "pass"
    # The plain result: names, reason, each rule's status as the stored slate now checks.
    assert (saved.left_out, saved.brought_in, saved.reason) == (
        ("代表05",),
        ("候补01",),
        "精神残疾人代表空缺",
    )
    assert saved.clerk == "clerk" and saved.total == len(CANDIDATES)
    assert {r.id: r.status for r in saved.rules} == {r.id: r.status for r in after.results}
    assert saved.failed == ()
    assert saved.summary == "换下 代表05；替补 候补01"
    # One change-log row for the term beside the two membership updates; no ID number in it.
    log = log_since(db, since)
    (trial,) = [r for r in log if r.action == TRIAL_ACTION]
    assert (trial.entity, trial.entity_id, trial.note) == ("term", str(ids["term"]), saved.reason)
    assert trial.after["left_out"] == ["代表05"] and trial.after["brought_in"] == ["候补01"]
    assert {r["id"]: r["status"] for r in trial.after["rules"]}[
        "congress.category.psychosocial"
    ] == "pass"
    assert re.search(r"\d{17}[\dX]", str(trial.after)) is None  # names, never ID numbers
    assert sorted((r.action, r.entity_id) for r in log if r.entity == "membership") == sorted(
        [("update", str(ids["代表05"])), ("update", str(ids["候补01"]))]
    )
    # The history lists it, newest first.
    assert saved_trials(db, term_id=ids["term"]) == [saved]


def test_the_history_keeps_failed_rules_and_a_left_out_candidate_can_come_back(db):
    ids = _slate(db)
    first = _apply(db, ids, left=["代表01"], reason="本人请辞")  # the only other 视力 is 代表07
    second = _apply(db, ids, left=["代表07"], reason="单位调整")
    assert [r.id for r in second.failed] == [
        "congress.category.blind",
        "congress.category.psychosocial",
    ]
    third = _apply(db, ids, brought=["代表01"], reason="恢复提名")
    assert "congress.category.blind" not in [r.id for r in third.failed]
    assert _statuses(db, ids["term"])[ids["代表01"]] is MembershipStatus.CANDIDATE
    history = saved_trials(db, term_id=ids["term"])
    assert [h.reason for h in history] == ["恢复提名", "单位调整", "本人请辞"]
    assert history[2] == first and history[1].total == len(CANDIDATES) - 2


def test_on_the_demo_the_eighth_congress_takes_a_reserve(demo_db):
    # The window and the command line record the rules file on opening a database; so here.
    record_rules(demo_db, user="setup", rules_id="mentougou-2019", content=RULES_TEXT)
    slate = load_term_slate(demo_db, kind=BodyKind.CONGRESS, term=8)
    assert slate.term_status is TermStatus.DRAFT and slate.reserves
    out, into = slate.people[0], slate.reserves[0]
    saved = apply_trial(
        demo_db,
        user="clerk",
        term_id=slate.term_id,
        left_out=[out.row],
        brought_in=[into.row],
        reason="选举单位调整人选",
        expected_versions=slate_versions(demo_db, term_id=slate.term_id),
    )
    after = load_term_slate(demo_db, kind=BodyKind.CONGRESS, term=8)
    assert into.row in {p.row for p in after.people} and out.row not in {
        p.row for p in after.people
    }
    assert out.row in {r.row for r in after.reserves}
    assert (saved.left_out, saved.brought_in) == ((out.name,), (into.name,))
    assert saved_trials(demo_db, term_id=slate.term_id)[0] == saved


def _refused(db, ids, **kw) -> DomainError:
    since, statuses = last_log_id(db), _statuses(db, ids["term"])
    with pytest.raises(DomainError) as caught:
        _apply(db, ids, **kw)
    # Nothing written: no status changed, no change-log row.
    assert _statuses(db, ids["term"]) == statuses
    assert log_since(db, since) == []
    assert saved_trials(db, term_id=ids["term"]) == []
    return caught.value


@pytest.mark.parametrize("reason", ["", "   "])
def test_the_reason_is_required(db, reason):
    ids = _slate(db)
    error = _refused(db, ids, left=["代表01"], reason=reason)
    assert (error.code, error.field) == ("trial_reason_required", "reason")
    assert message(error.code, error.params) == "请填写调整名单的理由。"


def test_an_empty_trial_is_refused(db):
    ids = _slate(db)
    assert _refused(db, ids).code == "trial_empty"


def test_a_term_that_is_not_draft_is_refused(db):
    ids = _slate(db, status=TermStatus.CURRENT, term=7)
    error = _refused(db, ids, left=["代表01"])
    assert error.code == "trial_term_not_draft"
    assert message(error.code, error.params).startswith(
        "代表大会第七届已是现任届次，名单不能再调整"
    )


def test_a_reserve_cannot_be_left_out_nor_a_candidate_brought_in(db):
    ids = _slate(db)
    error = _refused(db, ids, left=["候补01"])
    assert error.code == "trial_not_candidate"
    assert "候补01不是代表大会第八届的候选人" in message(error.code, error.params)
    assert _refused(db, ids, brought=["代表02"]).code == "trial_not_reserve"


def test_a_trial_on_a_slate_another_clerk_changed_is_refused_naming_them(db):
    ids = _slate(db)
    loaded = slate_versions(db, term_id=ids["term"])
    end_membership(
        db,
        user="王秘书",
        membership_id=ids["候补02"],
        expected_version=None,
        end_date=date(2026, 5, 1),
        reason="辞职",
    )
    error = _refused(db, ids, left=["代表05"], brought=["候补01"], versions=loaded)
    assert error.code == "trial_stale"
    text = message(error.code, error.params)
    assert text.startswith("名单已被 王秘书 于 ") and "（候补02）" in text and "没有保存" in text


def test_a_membership_added_since_the_editor_loaded_makes_the_trial_stale(db):
    ids = _slate(db)
    loaded = slate_versions(db, term_id=ids["term"])
    del loaded[ids["候补02"]]  # as if the editor had loaded the slate before it was added
    error = _refused(db, ids, left=["代表05"], versions=loaded)
    assert (error.code, error.params["name"], error.params["changed_by"]) == (
        "trial_stale",
        "候补02",
        "setup",
    )
