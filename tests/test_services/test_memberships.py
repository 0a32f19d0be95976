"""Adding people to terms and ending memberships: coded refusals, and history that stays."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest

from desktop.paths import resource_path
from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.rules import load_rules
from models.domain.vocabulary import BodyKind, TermStatus
from models.entities import ChangeLog, Membership, User
from models.services.people.commands import (
    add_membership,
    add_person,
    end_membership,
    update_membership,
)
from models.services.people.contracts import MembershipDraft, PeopleFilter
from models.services.people.queries import get_membership, get_person, list_people
from models.services.slates.queries import check_term
from models.services.terms.commands import open_term

from ._support import (
    LI_SI_ID,
    ZHANG_SAN_ID,
    add_units,
    count,
    draft,
    last_log_id,
    log_since,
    user_id_of,
)

RULES = load_rules(
    resource_path("rules", "mentougou-2019.toml").read_text(encoding="utf-8"),
    rules_id="mentougou-2019",
)

OPENS = date(2026, 12, 22)


@dataclass(frozen=True)
class Eighth:
    person: int
    congress: int
    presidium: int


@pytest.fixture
def eighth(db) -> Eighth:
    """张三, the draft 8th congress and presidium, and two electoral units."""
    add_units(db, "大峪街道", "城子街道")
    congress = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    presidium = open_term(
        db, user="setup", kind=BodyKind.PRESIDIUM, term=8, status=TermStatus.DRAFT
    )
    person = add_person(db, user="setup", draft=draft())
    return Eighth(person=person.id, congress=congress.id, presidium=presidium.id)


def _delegate(**facts) -> MembershipDraft:
    return MembershipDraft(
        position="代表", status="candidate", electoral_unit="大峪街道", start_date=OPENS, **facts
    )


def _refused(db, setting: Eighth, term_id: int, membership: MembershipDraft) -> DomainError:
    memberships, logged = count(db, Membership), count(db, ChangeLog)
    with pytest.raises(DomainError) as caught:
        add_membership(
            db, user="clerk", person_id=setting.person, term_id=term_id, draft=membership
        )
    assert count(db, Membership) == memberships, "a refused membership must not be written"
    assert count(db, ChangeLog) == logged
    return caught.value


def test_add_membership_records_the_term_snapshot(db, eighth):
    row = add_membership(
        db,
        user="clerk",
        person_id=eighth.person,
        term_id=eighth.congress,
        draft=_delegate(
            delegate_type="正式",
            work_unit_and_post="大峪街道残联 专职委员",
            cert_number="１１０１０９１９８００１０２１２３９４１",
            disability_category="肢体",
            disability_grade=1,
            urban_rural="城镇",
            is_frontline=True,
        ),
    )
    assert row.term.id == eighth.congress
    assert (row.term.body, row.term.term, row.term.name) == (BodyKind.CONGRESS, 8, "第八届")
    assert (row.position.value, row.status.value) == ("代表", "candidate")
    assert (row.electoral_unit, row.delegate_type.value) == ("大峪街道", "正式")
    assert row.start_date == OPENS
    with db.session_factory() as session:
        stored = session.get(Membership, row.id)
        assert stored.cert_number == "11010919800102123941"
        assert stored.disability_category.value == "肢体"
        assert stored.is_frontline
        assert stored.updated_by == "clerk"
    assert [m.id for m in get_person(db, person_id=eighth.person).memberships] == [row.id]


@pytest.mark.parametrize(
    ("term", "position", "listed"),
    [("presidium", "代表", "主席"), ("congress", "主席", "代表"), ("presidium", "理事长", "委员")],
)
def test_position_the_body_does_not_have_is_refused(db, eighth, term, position, listed):
    membership = MembershipDraft(position=position)
    error = _refused(db, eighth, getattr(eighth, term), membership)
    assert (error.code, error.field) == ("position_not_allowed", "position")
    assert listed in error.params["choices"]
    assert position in message(error.code, error.params)


@pytest.mark.parametrize(
    ("field", "value", "choice"),
    [
        ("position", "主任", "代表"),
        ("status", "当选", "candidate"),
        ("delegate_type", "普通", "特邀"),
        ("employment", "全职", "专职"),
        ("start_reason", "选举", "补选"),
        ("urban_rural", "乡村", "农村"),
    ],
)
def test_text_outside_a_vocabulary_is_refused_naming_the_field(db, eighth, field, value, choice):
    membership = MembershipDraft(**({"position": "代表"} | {field: value}))
    error = _refused(db, eighth, eighth.congress, membership)
    assert (error.code, error.field) == ("value_invalid", field)
    assert error.params["value"] == value
    assert choice in error.params["choices"].split("、")


def test_a_word_outside_the_category_vocabulary_is_category_unknown(db, eighth):
    membership = MembershipDraft(position="代表", disability_category="视障")
    error = _refused(db, eighth, eighth.congress, membership)
    assert (error.code, error.field) == ("category_unknown", "disability_category")
    assert "视障" in message(error.code, error.params)
    assert "视力" in message(error.code, error.params)


def test_unknown_electoral_unit_is_refused_listing_the_units(db, eighth):
    membership = MembershipDraft(position="代表", electoral_unit="大峪镇")
    error = _refused(db, eighth, eighth.congress, membership)
    assert (error.code, error.field) == ("value_invalid", "electoral_unit")
    assert error.params["choices"] == "大峪街道、城子街道"
    assert "大峪街道、城子街道" in message(error.code, error.params)


def test_without_electoral_units_the_refusal_says_none_are_set(db):
    term = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    person = add_person(db, user="setup", draft=draft())
    with pytest.raises(DomainError) as caught:
        add_membership(
            db,
            user="clerk",
            person_id=person.id,
            term_id=term.id,
            draft=MembershipDraft(position="代表", electoral_unit="大峪街道"),
        )
    assert (caught.value.code, caught.value.field) == ("value_invalid", "electoral_unit")
    assert "尚未设置选举单位" in caught.value.params["choices"]


def test_a_failed_first_action_leaves_no_trace_of_the_new_clerk(db, eighth):
    with pytest.raises(DomainError):
        add_membership(
            db,
            user="newcomer",
            person_id=eighth.person,
            term_id=eighth.presidium,
            draft=MembershipDraft(position="代表"),
        )
    assert user_id_of(db, "newcomer") is None
    assert count(db, User) == 1  # only "setup"


def test_same_person_twice_in_one_term_is_refused_while_active(db, eighth):
    add_membership(
        db, user="clerk", person_id=eighth.person, term_id=eighth.congress, draft=_delegate()
    )
    error = _refused(db, eighth, eighth.congress, _delegate())
    assert error.code == "already_member"
    assert (error.params["name"], error.params["body"], error.params["term"]) == (
        "张三",
        "代表大会",
        "第八届",
    )


def test_one_person_may_sit_in_two_bodies_of_the_same_term(db, eighth):
    add_membership(
        db, user="clerk", person_id=eighth.person, term_id=eighth.congress, draft=_delegate()
    )
    add_membership(
        db,
        user="clerk",
        person_id=eighth.person,
        term_id=eighth.presidium,
        draft=MembershipDraft(position="委员", status="candidate"),
    )
    memberships = get_person(db, person_id=eighth.person).memberships
    assert sorted(m.term.body.value for m in memberships) == ["congress", "presidium"]


def test_unknown_person_or_term_is_a_coded_error(db, eighth):
    with pytest.raises(DomainError) as caught:
        add_membership(
            db, user="clerk", person_id=987654, term_id=eighth.congress, draft=_delegate()
        )
    assert caught.value.code == "person_not_found"
    with pytest.raises(DomainError) as caught:
        add_membership(db, user="clerk", person_id=eighth.person, term_id=987654, draft=_delegate())
    assert (caught.value.code, caught.value.field) == ("term_not_found", "term")


# --- ending a membership ----------------------------------------------------------------------


@pytest.fixture
def delegate(db, eighth) -> int:
    return add_membership(
        db, user="clerk", person_id=eighth.person, term_id=eighth.congress, draft=_delegate()
    ).id


def _membership(db, membership_id: int) -> Membership:
    with db.session_factory() as session:
        membership = session.get(Membership, membership_id)
        session.expunge(membership)
        return membership


def test_end_membership_records_date_reason_and_basis_and_keeps_the_row(db, eighth, delegate):
    row = end_membership(
        db,
        user="clerk",
        membership_id=delegate,
        expected_version=1,
        end_date=date(2027, 3, 1),
        reason="辞职",
        basis=" 本人申请，主席团第二次会议同意 ",
    )
    assert (row.status.value, row.end_date, row.end_reason.value) == (
        "ended",
        date(2027, 3, 1),
        "辞职",
    )
    assert row.end_basis == "本人申请，主席团第二次会议同意"
    assert row.version == 2
    stored = _membership(db, delegate)
    assert (stored.status.value, stored.end_reason.value, stored.version) == ("ended", "辞职", 2)
    listed = list_people(db, user="clerk", where=PeopleFilter(term_id=eighth.congress))
    assert [p.name for p in listed] == ["张三"]
    assert [(m.id, m.status.value) for m in listed[0].memberships] == [(delegate, "ended")]
    by_body = list_people(db, user="clerk", where=PeopleFilter(body=BodyKind.CONGRESS))
    assert [p.id for p in by_body] == [eighth.person]


def test_an_ended_member_may_be_added_to_the_term_again(db, eighth, delegate):
    end_membership(
        db,
        user="clerk",
        membership_id=delegate,
        expected_version=None,
        end_date=date(2027, 3, 1),
        reason="调离",
    )
    again = add_membership(
        db,
        user="clerk",
        person_id=eighth.person,
        term_id=eighth.congress,
        draft=_delegate(start_reason="补选"),
    )
    statuses = [m.status.value for m in get_person(db, person_id=eighth.person).memberships]
    assert sorted(statuses) == ["candidate", "ended"]
    assert again.id != delegate


def _end_refused(db, membership_id: int, **kwargs) -> DomainError:
    before = _membership(db, membership_id)
    logged = count(db, ChangeLog)
    arguments = {"expected_version": None, "end_date": date(2027, 3, 1), "reason": "辞职"}
    with pytest.raises(DomainError) as caught:
        end_membership(db, user="clerk", membership_id=membership_id, **(arguments | kwargs))
    after = _membership(db, membership_id)
    assert (after.status, after.end_date, after.end_reason, after.version) == (
        before.status,
        before.end_date,
        before.end_reason,
        before.version,
    )
    assert count(db, ChangeLog) == logged
    return caught.value


def test_ending_twice_is_refused(db, delegate):
    end_membership(
        db,
        user="clerk",
        membership_id=delegate,
        expected_version=None,
        end_date=date(2027, 3, 1),
        reason="辞职",
    )
    error = _end_refused(db, delegate, end_date=date(2027, 5, 1), reason="去世")
    assert error.code == "membership_already_ended"
    assert error.params["end_date"] == "2027-03-01"


def test_end_before_start_is_refused_naming_the_end_date(db, delegate):
    error = _end_refused(db, delegate, end_date=date(2026, 12, 21))
    assert (error.code, error.field) == ("end_before_start", "end_date")
    assert (error.params["end_date"], error.params["start_date"]) == ("2026-12-21", "2026-12-22")


def test_end_on_the_start_day_is_allowed(db, delegate):
    row = end_membership(
        db, user="clerk", membership_id=delegate, expected_version=1, end_date=OPENS, reason="去世"
    )
    assert row.end_date == OPENS


@pytest.mark.parametrize("reason", ["", "  "])
def test_missing_end_reason_is_refused(db, delegate, reason):
    error = _end_refused(db, delegate, reason=reason)
    assert (error.code, error.field) == ("end_reason_required", "end_reason")


def test_end_reason_outside_the_vocabulary_is_refused_listing_the_reasons(db, delegate):
    error = _end_refused(db, delegate, reason="退休")
    assert (error.code, error.field) == ("value_invalid", "end_reason")
    assert "届满" in error.params["choices"].split("、")


def test_ending_an_unknown_membership_is_a_coded_error(db):
    with pytest.raises(DomainError) as caught:
        end_membership(
            db,
            user="clerk",
            membership_id=987654,
            expected_version=None,
            end_date=date(2027, 1, 1),
            reason="辞职",
        )
    assert caught.value.code == "membership_not_found"


# --- facts the service stores without checking ------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "code", "field"),
    [
        ({"cert_number": "123"}, "cert_format", "cert_number"),
        ({"cert_number": "11010919850315002241"}, "cert_id_mismatch", "cert_number"),
        (
            {"cert_number": ZHANG_SAN_ID + "41", "disability_category": "听力"},
            "cert_category_mismatch",
            "cert_number",
        ),
        (
            {"disability_category": "肢体", "disability_grade": 9},
            "grade_invalid",
            "disability_grade",
        ),
        (
            {"disability_category": "多重", "multi_components": ("视障", "肢体")},
            "category_unknown",
            "multi_components",
        ),
        (
            {"is_relative": True, "relative_categories": ("聋哑",)},
            "category_unknown",
            "relative_categories",
        ),
    ],
    ids=["cert_format", "cert_id", "cert_category", "grade", "multi", "relative"],
)
def test_disability_facts_are_checked_like_the_slate(db, eighth, facts, code, field):
    error = _refused(db, eighth, eighth.congress, _delegate(**facts))
    assert (error.code, error.field) == (code, field)


def test_a_category_followed_by_canji_is_accepted(db, eighth):
    row = add_membership(
        db,
        user="clerk",
        person_id=eighth.person,
        term_id=eighth.congress,
        draft=_delegate(disability_category="视力残疾", disability_grade=2),
    )
    assert _membership(db, row.id).disability_category.value == "视力"


# --- a member's per-term facts, corrected by hand (编辑本届信息) -------------------------------

CERT = ZHANG_SAN_ID + "42"  # 肢体 二级
MASKED_CERT = "110109**********3942"


def _stored(db, membership_id: int) -> dict:
    """Every column of the membership as stored, to compare before and after a refusal."""
    with db.session_factory() as session:
        membership = session.get(Membership, membership_id)
        return {c.key: getattr(membership, c.key) for c in Membership.__table__.columns}


def _edit_refused(db, membership_id: int, membership: MembershipDraft, version=None):
    before, logged = _stored(db, membership_id), count(db, ChangeLog)
    with pytest.raises(DomainError) as caught:
        update_membership(
            db,
            user="clerk",
            membership_id=membership_id,
            expected_version=version,
            draft=membership,
        )
    assert _stored(db, membership_id) == before, "a refused edit must not be written"
    assert count(db, ChangeLog) == logged
    return caught.value


def test_the_detail_carries_every_fact_with_the_numbers_masked(db, eighth):
    added = add_membership(
        db,
        user="clerk",
        person_id=eighth.person,
        term_id=eighth.congress,
        draft=_delegate(
            delegate_type="正式",
            cert_number=CERT,
            disability_category="肢体",
            political_status="群众",
            is_relative=True,
            relative_categories=("智力",),
            urban_rural="农村",
            is_volunteer=True,
        ),
    )
    detail = get_membership(db, membership_id=added.id)
    assert (detail.person_name, detail.id_number, detail.cert_number) == (
        "张三",
        "110109********1239",
        MASKED_CERT,
    )
    assert (detail.body_name, detail.term.name, detail.electoral_unit) == (
        "代表大会",
        "第八届",
        "大峪街道",
    )
    # A valid certificate alone gives the grade.
    assert (detail.disability_category.value, detail.disability_grade) == ("肢体", 2)
    assert [c.value for c in detail.relative_categories] == ["智力"]
    assert (detail.urban_rural.value, detail.political_status) == ("农村", "群众")
    assert (detail.is_volunteer, detail.is_role_model, detail.version) == (True, False, 1)


def test_a_membership_not_found_is_a_coded_error(db):
    with pytest.raises(DomainError) as caught:
        get_membership(db, membership_id=987654)
    assert caught.value.code == "membership_not_found"


def test_update_membership_corrects_every_fact_and_logs_it_masked(db, eighth, delegate):
    start = last_log_id(db)
    corrected = replace(
        get_membership(db, membership_id=delegate).as_draft(),
        electoral_unit="城子街道",
        delegate_type="特邀",
        work_unit_and_post="城子街道温馨家园 主任",
        political_status="中共党员",
        cert_number=f" {CERT[:10]} {CERT[10:]} ",
        disability_category="多重残疾",
        disability_grade="二级",
        multi_components=("视力", "肢体"),
        urban_rural="城镇",
        is_role_model=True,
        is_frontline=True,
    )
    # The certificate says 肢体 (4): with 多重 (7) it is refused, naming the certificate.
    error = _edit_refused(db, delegate, corrected)
    assert (error.code, error.field) == ("cert_category_mismatch", "cert_number")
    detail = update_membership(
        db,
        user="clerk",
        membership_id=delegate,
        expected_version=1,
        draft=replace(corrected, cert_number=None),
    )
    assert detail.version == 2
    assert (detail.electoral_unit, detail.delegate_type.value) == ("城子街道", "特邀")
    assert (detail.disability_category.value, detail.disability_grade) == ("多重", 2)
    assert [c.value for c in detail.multi_components] == ["视力", "肢体"]
    assert (detail.is_role_model, detail.is_frontline, detail.is_volunteer) == (True, True, False)
    assert detail.cert_number is None
    stored = _stored(db, delegate)
    assert (stored["political_status"], stored["updated_by"]) == ("中共党员", "clerk")

    detail = update_membership(
        db,
        user="clerk",
        membership_id=delegate,
        expected_version=2,
        draft=replace(
            detail.as_draft(), cert_number=CERT, disability_category="肢体", multi_components=()
        ),
    )
    assert detail.cert_number == MASKED_CERT and _stored(db, delegate)["cert_number"] == CERT
    (first, second) = [r for r in log_since(db, start) if r.entity == "membership"]
    assert (first.action, first.user_login, first.entity_id) == ("update", "clerk", str(delegate))
    assert first.after["political_status"] == "中共党员"
    assert first.after["multi_components"] == ["视力", "肢体"]
    # The certificate number holds the ID number: the log keeps it masked, like the ID.
    assert (second.before["cert_number"], second.after["cert_number"]) == (None, MASKED_CERT)
    assert CERT not in str(log_since(db, start))


def test_the_masked_certificate_sent_back_keeps_it_and_a_blank_one_removes_it(db, eighth):
    added = add_membership(
        db,
        user="clerk",
        person_id=eighth.person,
        term_id=eighth.congress,
        draft=_delegate(cert_number=CERT),
    )
    draft_back = get_membership(db, membership_id=added.id).as_draft()
    assert draft_back.cert_number == MASKED_CERT
    kept = update_membership(
        db,
        user="clerk",
        membership_id=added.id,
        expected_version=1,
        draft=replace(draft_back, work_unit_and_post="区残联"),
    )
    assert _stored(db, added.id)["cert_number"] == CERT
    assert (kept.disability_category.value, kept.disability_grade) == ("肢体", 2)
    # Kept, the certificate still has to agree with what else the clerk typed.
    error = _edit_refused(db, added.id, replace(draft_back, disability_grade=3))
    assert (error.code, error.field) == ("cert_grade_mismatch", "cert_number")
    assert error.params["cert_grade"] == 2
    removed = update_membership(
        db,
        user="clerk",
        membership_id=added.id,
        expected_version=2,
        draft=replace(draft_back, cert_number="", disability_category=None, disability_grade=None),
    )
    assert removed.cert_number is None and removed.disability_category is None
    assert _stored(db, added.id)["cert_number"] is None


def test_a_certificate_of_someone_else_is_refused_with_nothing_written(db, eighth, delegate):
    membership = replace(
        get_membership(db, membership_id=delegate).as_draft(),
        cert_number="11010919850315002241",
        disability_category="视力",
    )
    error = _edit_refused(db, delegate, membership)
    assert (error.code, error.field) == ("cert_id_mismatch", "cert_number")
    assert "前18位" in message(error.code, error.params)


def test_a_stale_edit_is_refused_naming_who_changed_it(db, eighth, delegate):
    draft_back = get_membership(db, membership_id=delegate).as_draft()
    update_membership(
        db,
        user="colleague",
        membership_id=delegate,
        expected_version=1,
        draft=replace(draft_back, political_status="群众"),
    )
    error = _edit_refused(db, delegate, replace(draft_back, political_status="中共党员"), version=1)
    assert error.code == "stale_record"
    assert error.params["changed_by"] == "colleague"
    assert _stored(db, delegate)["political_status"] == "群众"


def test_an_ended_membership_is_refused(db, delegate):
    draft_back = get_membership(db, membership_id=delegate).as_draft()
    end_membership(
        db,
        user="clerk",
        membership_id=delegate,
        expected_version=1,
        end_date=date(2027, 3, 1),
        reason="辞职",
    )
    error = _edit_refused(db, delegate, replace(draft_back, disability_category="肢体"))
    assert error.code == "membership_ended_no_edit"
    assert "2027-03-01" in message(error.code, error.params)


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"position": "主席"}, "position_not_allowed", "position"),
        ({"status": "ended"}, "value_invalid", "status"),
        ({"electoral_unit": "大峪镇"}, "value_invalid", "electoral_unit"),
        ({"disability_grade": "五级"}, "grade_invalid", "disability_grade"),
        ({"relative_categories": ("聋哑",)}, "category_unknown", "relative_categories"),
        ({"work_unit_and_post": "长" * 201}, "text_too_long", "work_unit_and_post"),
    ],
    ids=["position", "ended", "unit", "grade", "relative", "too_long"],
)
def test_an_edit_is_checked_as_adding(db, delegate, change, code, field):
    membership = replace(get_membership(db, membership_id=delegate).as_draft(), **change)
    error = _edit_refused(db, delegate, membership)
    assert (error.code, error.field) == (code, field)
    assert message(error.code, error.params)


def _disabled_count(db) -> int:
    _, report = check_term(db, kind=BodyKind.CONGRESS, term=8, rules=RULES)
    return report.result("congress.disabled_or_relative_share").count


def test_a_member_added_by_hand_with_a_disability_counts_as_disabled(db, eighth):
    """Day one: no demo, a term opened by hand, a delegate added through the form's command."""
    add_membership(
        db,
        user="clerk",
        person_id=eighth.person,
        term_id=eighth.congress,
        draft=_delegate(disability_category="肢体", disability_grade="二级"),
    )
    other = add_person(db, user="clerk", draft=draft("李四", "女", LI_SI_ID))
    added = add_membership(
        db, user="clerk", person_id=other.id, term_id=eighth.congress, draft=_delegate()
    )
    assert _disabled_count(db) == 1
    # And a fact missed when adding can be corrected afterwards.
    update_membership(
        db,
        user="clerk",
        membership_id=added.id,
        expected_version=added.version,
        draft=replace(
            get_membership(db, membership_id=added.id).as_draft(),
            cert_number=LI_SI_ID + "13",  # 视力 三级
        ),
    )
    assert _disabled_count(db) == 2
    _, report = check_term(db, kind=BodyKind.CONGRESS, term=8, rules=RULES)
    assert report.result("congress.category.blind").count == 1
