"""ChangeLog completeness: every mutation by a service leaves rows naming the clerk (DOMAIN §7)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from models.domain.vocabulary import BodyKind, TermStatus
from models.entities import User
from models.services.common.settings import get_setting, record_rules
from models.services.people.commands import (
    add_membership,
    add_person,
    end_membership,
    reveal_id_number,
    update_person,
)
from models.services.people.contracts import MembershipDraft, PeopleFilter
from models.services.people.queries import list_people
from models.services.terms.commands import open_term

from ._support import (
    LI_SI_ID,
    ZHANG_SAN_ID,
    LogRow,
    count,
    draft,
    last_log_id,
    log_since,
    user_id_of,
)

MASKED_ZHANG_SAN = "110109********1239"
CERT = ZHANG_SAN_ID + "41"
MASKED_CERT = "110109**********3941"


def _by(db, since: int, login: str) -> list[LogRow]:
    """The rows written since `since`; every one of them must name `login`."""
    rows = log_since(db, since)
    assert rows, "the action wrote no change-log row"
    assert {r.user_login for r in rows} == {login}
    now = datetime.now(UTC)
    assert all(now - timedelta(minutes=5) <= r.at <= now + timedelta(minutes=1) for r in rows)
    return rows


def _only(rows: list[LogRow], entity: str, action: str) -> LogRow:
    found = [r for r in rows if (r.entity, r.action) == (entity, action)]
    assert len(found) == 1, f"expected one {action} of {entity}, got {rows}"
    return found[0]


def _no_whole_ids(rows: list[LogRow]) -> None:
    text = json.dumps([(r.before, r.after, r.note) for r in rows], ensure_ascii=False)
    for whole in (ZHANG_SAN_ID, LI_SI_ID, CERT):
        assert whole not in text


@pytest.fixture
def person(db) -> int:
    return add_person(db, user="setup", draft=draft()).id


@pytest.fixture
def congress8(db) -> int:
    return open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT).id


def test_add_person_logs_the_insert_with_a_masked_id(db):
    since = last_log_id(db)
    row = add_person(db, user="alice", draft=draft(phone="13800000000"))
    logged = _only(_by(db, since, "alice"), "person", "insert")
    assert logged.entity_id == str(row.id)
    assert logged.user_id == user_id_of(db, "alice") is not None
    assert logged.before is None
    assert logged.after["name"] == "张三"
    assert logged.after["id_number"] == MASKED_ZHANG_SAN
    assert logged.after["phone"] == "13800000000"
    assert not {"version", "updated_at", "updated_by"} & set(logged.after)
    _no_whole_ids(log_since(db, since))


def test_update_person_logs_only_the_changed_columns(db, person):
    since = last_log_id(db)
    update_person(
        db, user="bob", person_id=person, expected_version=1, draft=draft(phone="13900000000")
    )
    logged = _only(_by(db, since, "bob"), "person", "update")
    assert logged.entity_id == str(person)
    assert logged.user_id == user_id_of(db, "bob") is not None
    assert (logged.before, logged.after) == ({"phone": None}, {"phone": "13900000000"})


def test_update_of_name_logs_the_name_and_its_search_keys(db, person):
    since = last_log_id(db)
    update_person(db, user="bob", person_id=person, expected_version=1, draft=draft(name="张三丰"))
    logged = _only(_by(db, since, "bob"), "person", "update")
    assert logged.before == {
        "name": "张三",
        "pinyin_full": "zhangsan",
        "pinyin_initials": "zs",
        "pinyin_sort": "zhang san",
    }
    assert logged.after == {
        "name": "张三丰",
        "pinyin_full": "zhangsanfeng",
        "pinyin_initials": "zsf",
        "pinyin_sort": "zhang san feng",
    }


def test_update_of_the_id_number_logs_both_numbers_masked(db, person):
    since = last_log_id(db)
    update_person(
        db,
        user="bob",
        person_id=person,
        expected_version=1,
        draft=draft(gender="女", id_number=LI_SI_ID),
    )
    logged = _only(_by(db, since, "bob"), "person", "update")
    assert logged.before["id_number"] == MASKED_ZHANG_SAN
    assert logged.after["id_number"] == "110109********0022"
    assert logged.after["birth_date"] == "1985-03-15"
    assert (logged.before["gender"], logged.after["gender"]) == ("男", "女")
    _no_whole_ids(log_since(db, since))


def test_an_update_that_changes_nothing_logs_no_update(db, person):
    since = last_log_id(db)
    row = update_person(
        db,
        user="setup",
        person_id=person,
        expected_version=1,
        draft=draft(id_number="１１０１０９１９８００１０２１２３９"),
    )
    assert row.version == 1
    assert log_since(db, since) == []


def test_add_membership_logs_the_insert_with_a_masked_certificate(db, person, congress8):
    since = last_log_id(db)
    row = add_membership(
        db,
        user="carol",
        person_id=person,
        term_id=congress8,
        draft=MembershipDraft(
            position="代表", cert_number=CERT, disability_category="肢体", disability_grade=1
        ),
    )
    logged = _only(_by(db, since, "carol"), "membership", "insert")
    assert logged.entity_id == str(row.id)
    assert logged.user_id == user_id_of(db, "carol") is not None
    assert logged.after["person_id"] == person
    assert logged.after["term_id"] == congress8
    assert logged.after["position"] == "代表"
    assert logged.after["cert_number"] == MASKED_CERT
    _no_whole_ids(log_since(db, since))


def test_end_membership_logs_the_end(db, person, congress8):
    membership = add_membership(
        db,
        user="setup",
        person_id=person,
        term_id=congress8,
        draft=MembershipDraft(position="代表", status="candidate"),
    )
    since = last_log_id(db)
    end_membership(
        db,
        user="dave",
        membership_id=membership.id,
        expected_version=1,
        end_date=date(2027, 3, 1),
        reason="辞职",
        basis="本人申请",
    )
    logged = _only(_by(db, since, "dave"), "membership", "update")
    assert logged.entity_id == str(membership.id)
    assert logged.user_id == user_id_of(db, "dave") is not None
    assert logged.before == {
        "status": "candidate",
        "end_date": None,
        "end_reason": None,
        "end_basis": None,
    }
    assert logged.after == {
        "status": "ended",
        "end_date": "2027-03-01",
        "end_reason": "辞职",
        "end_basis": "本人申请",
    }


def test_open_term_logs_the_insert(db):
    since = last_log_id(db)
    term = open_term(db, user="erin", kind=BodyKind.PRESIDIUM, term=8, status=TermStatus.DRAFT)
    logged = _only(_by(db, since, "erin"), "term", "insert")
    assert logged.entity_id == str(term.id)
    assert logged.user_id == user_id_of(db, "erin") is not None
    assert (logged.after["ordinal"], logged.after["status"]) == (8, "draft")


def test_record_rules_logs_both_settings_once(db):
    since = last_log_id(db)
    assert record_rules(db, user="frank", rules_id="mentougou-2019", content="[slate]\n")
    rows = _by(db, since, "frank")
    settings = [r for r in rows if r.entity == "setting"]
    assert sorted((r.action, r.entity_id) for r in settings) == [
        ("insert", "rules.content"),
        ("insert", "rules.id"),
    ]
    assert all(r.user_id == user_id_of(db, "frank") is not None for r in settings)
    again = last_log_id(db)
    assert not record_rules(db, user="grace", rules_id="other-2030", content="")
    assert log_since(db, again) == []
    assert user_id_of(db, "grace") is None
    assert get_setting(db, "rules.id") == "mentougou-2019"


def test_reveal_id_number_is_logged_with_the_clerk(db, person):
    since = last_log_id(db)
    reveal_id_number(db, user="heidi", person_id=person)
    logged = _only(_by(db, since, "heidi"), "person", "reveal")
    assert logged.entity_id == str(person)
    assert logged.user_id == user_id_of(db, "heidi") is not None
    assert logged.note


def test_revealing_a_list_logs_one_row_per_person(db, person):
    add_person(db, user="setup", draft=draft(name="李四", gender="女", id_number=LI_SI_ID))
    since = last_log_id(db)
    rows = list_people(db, user="ivan", where=PeopleFilter(), reveal=True)
    logged = [r for r in _by(db, since, "ivan") if r.action == "reveal"]
    assert sorted(r.entity_id for r in logged) == sorted(str(p.id) for p in rows)
    assert len(logged) == 2


def test_first_action_of_a_new_clerk_creates_the_user_and_logs_it(db):
    users = count(db, User)
    since = last_log_id(db)
    add_person(db, user="judy", draft=draft())
    judy = user_id_of(db, "judy")
    assert judy is not None
    logged = _only(_by(db, since, "judy"), "app_user", "insert")
    assert logged.entity_id == str(judy)
    assert logged.after["login"] == "judy"
    since = last_log_id(db)
    add_person(db, user="judy", draft=draft(name="李四", gender="女", id_number=LI_SI_ID))
    assert [r.entity for r in log_since(db, since)] == ["person"]
    assert count(db, User) == users + 1


def test_the_new_clerks_own_log_row_carries_the_user_id(db):
    since = last_log_id(db)
    add_person(db, user="judy", draft=draft())
    logged = _only(log_since(db, since), "app_user", "insert")
    assert logged.user_id == user_id_of(db, "judy")
