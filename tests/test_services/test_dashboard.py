"""The 改革落实情况 dashboard's reads on a database without the demo: every group, every kind of
today's item from real data, each pointing at what to open, in a handful of queries."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from models.domain.errors import DomainError
from models.domain.vocabulary import BodyKind
from models.services.dashboard.contracts import ItemKind, TargetKind
from models.services.dashboard.queries import dashboard, reform_overview, today
from models.services.organisation.contracts import Register

from ._dashboard import ON, Built, build
from ._decisions import new_matter, plan
from .test_motions import assigned


@pytest.fixture
def built(db) -> Built:
    return build(db)


def test_every_kind_of_todays_item_comes_from_real_data(db, built):
    items = today(db, on=ON).items
    kinds = {i.kind for i in items}
    assert kinds == set(ItemKind)
    by_kind = {k: [i for i in items if i.kind is k] for k in ItemKind}
    assert [i.target.id for i in by_kind[ItemKind.MOTION_OVERDUE]] == [built.overdue_motion]
    assert [i.target.id for i in by_kind[ItemKind.MOTION_DUE_SOON]] == [built.due_soon_motion]
    assert all(i.target.kind is TargetKind.MOTION for i in by_kind[ItemKind.MOTION_OVERDUE])
    steps = by_kind[ItemKind.DECISION_STEPS]
    assert [i.target.id for i in steps] == [built.open_matter]
    assert "专家论证" in steps[0].text and steps[0].target.kind is TargetKind.DECISION
    (late,) = by_kind[ItemKind.FOLLOW_UP_OVERDUE]
    (soon,) = by_kind[ItemKind.FOLLOW_UP_DUE_SOON]
    assert "签订合同" in late.text and late.due == date(2026, 4, 30)
    assert "验收" in soon.text and soon.target.id == built.passed
    assert [i.target.id for i in by_kind[ItemKind.EMERGENCY_UNREPORTED]] == [built.emergency]
    (upcoming,) = by_kind[ItemKind.MEETING_NEXT]
    assert upcoming.target.id == built.next_meeting
    assert upcoming.target.body is BodyKind.EXECUTIVE_COUNCIL and upcoming.target.term_id
    assert "尚缺议题、主持人、记录人" in upcoming.text  # the place was given
    (passed,) = by_kind[ItemKind.MEETING_UNRECORDED]  # the matter's meeting, 2026-03-10
    assert "2026年3月10日" in passed.text and "记录出席情况" in passed.text
    assert [i.target.id for i in by_kind[ItemKind.MINUTES_DRAFT]] == [built.held_meeting]
    failing = by_kind[ItemKind.RULE_FAILING]
    assert "decisions:decisions.emergency_reported" in {i.target.rule_id for i in failing}
    # Late first: overdue motions lead, the failing rules close the list.
    assert items[0].kind is ItemKind.MOTION_OVERDUE and items[-1].kind is ItemKind.RULE_FAILING


def test_the_overview_shows_every_group_with_figures_and_shortfalls(db, built):
    overview = reform_overview(db, year=2026, on=ON)
    keys = [g.key for g in overview.groups]
    assert keys[:5] == [
        "slates.presidium.7",
        "slates.council.7",
        "motions",
        "associations",
        "decisions",
    ]
    assert [g.title for g in overview.groups[5:]] == [
        "2026年干部队伍",
        "2026年联系点制度（一人一村一社区一家园）",
        "2026年基层残疾人组织",
        "2026年温馨家园",
        "2026年主席团履职",
    ]
    results = {r.id: r for r in overview.results()}
    council = results["council.category.blind"]
    assert council.status == "warn" and council.shortfalls[0].target.kind is TargetKind.SLATE
    reply = results["motions.reply_rate"]
    assert reply.status == "pass" and reply.figure == "0.0%（0/2）"
    assert {s.target.id for s in reply.shortfalls} == {built.overdue_motion, built.due_soon_motion}
    assert results["motions.satisfaction_rate"].status == "skipped"  # nothing rated yet
    blind = results["associations.attendance.blind"]
    assert blind.status == "warn" and "未记录出席情况" in blind.shortfalls[0].text
    assert blind.shortfalls[0].target.id == built.held_meeting
    assert results["decisions.emergency_reported"].status == "fail"
    assert results["decisions.follow_ups"].status == "warn"
    assert results["decisions.required_steps"].status == "pass"  # the open matter has no meeting
    assert all(r.status in ("pass", "warn", "fail", "skipped") for r in results.values())
    assert results["leadership.disabled_fulltime"].status == "pass"  # the registered cadre
    assert results["staff.seconded"].status == "fail"  # nobody 挂职 yet
    coverage = results["home.coverage"]
    assert coverage.status == "fail"
    homes = [s.target for s in coverage.shortfalls if s.target is not None]
    assert any(t.kind is TargetKind.REGISTER and t.register is Register.HOMES for t in homes), (
        coverage.shortfalls
    )
    days = next(c for c in overview.charts if c.key == "contact.days")
    # The 党组 and council members in office owe 60 days; nobody has visited yet.
    assert days.bars and all(b.count == 0 and b.required == 60 for b in days.bars)
    (street,) = next(c for c in overview.charts if c.key == "home.coverage").bars
    assert street.label == "大峪街道" and "示范 0 个" in street.text


def test_a_year_with_nothing_skips_rather_than_fails(db, built):
    overview = reform_overview(db, year=2020, on=ON)
    results = {r.id: r for r in overview.results()}
    assert results["associations.attendance.deaf"].status == "skipped"
    assert results["decisions.required_steps"].status == "skipped"
    assert results["decisions.follow_ups"].status == "pass"
    with pytest.raises(DomainError):
        reform_overview(db, year=20, on=ON)


def test_the_dashboard_reads_in_a_bounded_number_of_queries(db, built):
    counted: list[int] = []

    def count(*_args: object) -> None:
        counted.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        dashboard(db, on=ON)
        first = len(counted)
        for n in range(3):  # more motions, matters and meetings must not mean more queries
            assigned(db, built.setup, f"提案{n}")
            new_matter(db, title=f"事项{n}")
            plan(db, day=date(2026, 6, 1 + n))
        counted.clear()
        dashboard(db, on=ON)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(counted) == first < 120
