"""Registering, editing, finding and revealing people (DOMAIN §2, §7) on both backends."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.messages import message
from models.entities import ChangeLog, Person
from models.services.people.commands import add_person, reveal_id_number, update_person
from models.services.people.contracts import PeopleFilter
from models.services.people.queries import get_person, list_people

from ._support import (
    LI_SI_ID,
    WANG_WU_ID,
    ZHANG_SAN_ID,
    count,
    draft,
    last_log_id,
    log_since,
    valid_id,
)


def _stored(db, person_id: int) -> Person:
    with db.session_factory() as session:
        person = session.get(Person, person_id)
        session.expunge(person)
        return person


def _refused(db, person_draft, *, code: str, field: str) -> DomainError:
    people, logged = count(db, Person), count(db, ChangeLog)
    with pytest.raises(DomainError) as caught:
        add_person(db, user="clerk", draft=person_draft)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert count(db, Person) == people, "a refused person must not be written"
    assert count(db, ChangeLog) == logged
    return caught.value


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "   ", "\u3000"])
def test_blank_name_is_refused_naming_the_name(db, name):
    _refused(db, draft(name=name), code="name_blank", field="name")


@pytest.mark.parametrize("gender", ["", "M", "male", "男性", "未知"])
def test_gender_outside_the_vocabulary_is_refused(db, gender):
    _refused(db, draft(gender=gender), code="gender_invalid", field="gender")


@pytest.mark.parametrize(
    ("id_number", "code"),
    [
        ("11010919800102123", "id_format"),  # 17 characters
        ("1101091980010212391", "id_format"),  # 19 characters
        ("11010919800102123A", "id_format"),
        ("110109800102123", "id_format"),  # an old 15-digit number
        ("110109198001021238", "id_checksum"),
        (valid_id("19800230"), "id_birthdate"),  # 30 February
        (valid_id("18991231"), "id_birthdate"),  # before 1900
        (valid_id("20991231"), "id_birthdate"),  # in the future
        ("", "missing_required"),
        ("   ", "missing_required"),
    ],
)
def test_bad_id_number_is_refused_naming_the_id_field(db, id_number, code):
    _refused(db, draft(id_number=id_number), code=code, field="id_number")


def test_checksum_error_says_which_check_digit_was_expected(db):
    error = _refused(
        db, draft(id_number="110109198001021238"), code="id_checksum", field="id_number"
    )
    assert error.params["expected"] == "9"
    assert "9" in message(error.code, error.params)


def test_old_15_digit_number_asks_for_the_18_digit_one(db):
    error = _refused(db, draft(id_number="110109800102123"), code="id_format", field="id_number")
    assert "18位" in message(error.code, error.params)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("１１０１０９１９８００１０２１２３９", ZHANG_SAN_ID),  # full-width digits
        (" 110109 19800102 1239 ", ZHANG_SAN_ID),  # white space inside and around
        ("11010919800102101x", WANG_WU_ID),  # lower-case x
        ("１１０１０９１９８００１０２１０１ｘ", WANG_WU_ID),  # full-width lower-case x
    ],
)
def test_id_number_is_normalised_before_it_is_checked_and_stored(db, typed, stored):
    row = add_person(db, user="clerk", draft=draft(id_number=typed))
    assert _stored(db, row.id).id_number == stored


def test_same_id_number_twice_is_refused_naming_the_holder(db):
    add_person(db, user="clerk", draft=draft(name="张三"))
    error = _refused(
        db,
        draft(name="张叁", id_number="１１０１０９１９８００１０２１２３９"),
        code="dup_id",
        field="id_number",
    )
    assert error.params["name"] == "张三"
    assert "张三" in message(error.code, error.params)


# --- what is stored ---------------------------------------------------------------------------


def test_person_is_stored_with_birth_date_from_the_id_and_pinyin_keys(db):
    row = add_person(
        db, user="clerk", draft=draft(name="  张三 ", ethnicity=" 汉族 ", phone=" 13800000000 ")
    )
    person = _stored(db, row.id)
    assert person.name == "张三"
    assert person.birth_date == date(1980, 1, 2)
    assert (person.pinyin_full, person.pinyin_initials) == ("zhangsan", "zs")
    assert (person.ethnicity, person.phone) == ("汉族", "13800000000")
    assert (person.version, person.updated_by) == (1, "clerk")


def test_a_birth_date_given_by_the_clerk_is_kept(db):
    row = add_person(db, user="clerk", draft=draft(birth_date=date(1980, 1, 3)))
    assert _stored(db, row.id).birth_date == date(1980, 1, 3)


def test_update_person_changes_the_record_and_bumps_its_version(db):
    row = add_person(db, user="a", draft=draft())
    updated = update_person(
        db,
        user="b",
        person_id=row.id,
        expected_version=row.version,
        draft=draft(name="张三丰", phone="13900000000"),
    )
    assert (updated.version, updated.updated_by) == (row.version + 1, "b")
    person = _stored(db, row.id)
    assert (person.name, person.phone, person.version) == ("张三丰", "13900000000", 2)
    assert person.pinyin_initials == "zsf"
    found = list_people(db, user="a", where=PeopleFilter(search="zsf"))
    assert [p.id for p in found] == [row.id]


def test_update_person_refuses_another_persons_id_number(db):
    add_person(db, user="a", draft=draft(name="张三"))
    li = add_person(db, user="a", draft=draft(name="李四", gender="女", id_number=LI_SI_ID))
    with pytest.raises(DomainError) as caught:
        update_person(
            db,
            user="a",
            person_id=li.id,
            expected_version=li.version,
            draft=draft(name="李四", gender="女", id_number=ZHANG_SAN_ID),
        )
    assert (caught.value.code, caught.value.field) == ("dup_id", "id_number")
    assert caught.value.params["name"] == "张三"
    person = _stored(db, li.id)
    assert (person.id_number, person.version) == (LI_SI_ID, 1)


def test_update_person_validates_like_add_person_and_writes_nothing(db):
    row = add_person(db, user="a", draft=draft())
    logged = count(db, ChangeLog)
    with pytest.raises(DomainError) as caught:
        update_person(
            db, user="a", person_id=row.id, expected_version=1, draft=draft(gender="不详")
        )
    assert (caught.value.code, caught.value.field) == ("gender_invalid", "gender")
    assert _stored(db, row.id).gender.value == "男"
    assert count(db, ChangeLog) == logged


def test_update_of_an_unknown_person_is_a_coded_error(db):
    with pytest.raises(DomainError) as caught:
        update_person(db, user="a", person_id=987654, expected_version=None, draft=draft())
    assert caught.value.code == "person_not_found"


# --- finding people ---------------------------------------------------------------------------


@pytest.fixture
def three_people(db):
    return {
        "张三": add_person(db, user="clerk", draft=draft(name="张三")).id,
        "李四": add_person(
            db, user="clerk", draft=draft(name="李四", gender="女", id_number=LI_SI_ID)
        ).id,
        "王五": add_person(db, user="clerk", draft=draft(name="王五", id_number=WANG_WU_ID)).id,
    }


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("张", ["张三"]),
        ("三", ["张三"]),
        ("zhangsan", ["张三"]),
        ("zhang san", ["张三"]),
        ("ZhangSan", ["张三"]),
        ("zs", ["张三"]),
        ("ZS", ["张三"]),
        ("ls", ["李四"]),
        ("1239", ["张三"]),
        ("0022", ["李四"]),
        ("101X", ["王五"]),
        ("101x", ["王五"]),
        ("X", ["王五"]),
        ("9999", []),
        ("zz", []),
        ("%", []),
    ],
)
def test_search_by_name_pinyin_initials_or_last_id_digits(db, three_people, search, expected):
    found = list_people(db, user="clerk", where=PeopleFilter(search=search))
    assert [p.name for p in found] == expected


def test_search_does_not_match_digits_in_the_middle_of_the_id(db, three_people):
    # 19800102 is the birth date inside two of the numbers, not their end.
    assert list_people(db, user="clerk", where=PeopleFilter(search="19800102")) == []


def test_empty_search_lists_everyone_in_pinyin_order(db, three_people):
    found = list_people(db, user="clerk", where=PeopleFilter(search="  "))
    assert [p.name for p in found] == ["李四", "王五", "张三"]


# --- masking and revealing --------------------------------------------------------------------


def test_rows_carry_masked_id_numbers_and_listing_writes_nothing(db, three_people):
    logged = count(db, ChangeLog)
    rows = {p.name: p for p in list_people(db, user="clerk", where=PeopleFilter())}
    assert rows["张三"].id_number == "110109********1239"
    assert rows["王五"].id_number == "110109********101X"
    assert not any(p.is_id_revealed for p in rows.values())
    assert get_person(db, person_id=three_people["李四"]).id_number == "110109********0022"
    assert count(db, ChangeLog) == logged


def test_add_and_update_return_masked_rows(db):
    row = add_person(db, user="clerk", draft=draft())
    assert row.id_number == "110109********1239"
    updated = update_person(
        db, user="clerk", person_id=row.id, expected_version=1, draft=draft(name="张三丰")
    )
    assert updated.id_number == "110109********1239"


def test_listing_with_reveal_shows_whole_numbers_and_logs_each_person(db, three_people):
    since = last_log_id(db)
    rows = list_people(db, user="auditor", where=PeopleFilter(search="zs"), reveal=True)
    assert [(p.id_number, p.is_id_revealed) for p in rows] == [(ZHANG_SAN_ID, True)]
    reveals = [r for r in log_since(db, since) if r.action == "reveal"]
    assert [(r.entity, r.entity_id, r.user_login) for r in reveals] == [
        ("person", str(three_people["张三"]), "auditor")
    ]
    assert reveals[0].user_id is not None


def test_reveal_id_number_returns_the_whole_number_and_logs_the_request(db):
    row = add_person(db, user="clerk", draft=draft(id_number="11010919800102101x", name="王五"))
    since = last_log_id(db)
    assert reveal_id_number(db, user="auditor", person_id=row.id) == WANG_WU_ID
    reveals = [r for r in log_since(db, since) if r.action == "reveal"]
    assert [(r.entity, r.entity_id, r.user_login) for r in reveals] == [
        ("person", str(row.id), "auditor")
    ]


def test_reveal_of_an_unknown_person_is_refused_and_not_logged(db):
    since = last_log_id(db)
    with pytest.raises(DomainError) as caught:
        reveal_id_number(db, user="auditor", person_id=987654)
    assert caught.value.code == "person_not_found"
    assert log_since(db, since) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "名" * 70),
        ("phone", "010-69841234，13901234567（本人）转 8001"),
        ("ethnicity", "族" * 40),
    ],
    ids=["name", "phone", "ethnicity"],
)
def test_overlong_text_is_refused_naming_the_field(db, field, value):
    people = count(db, Person)
    with pytest.raises(DomainError) as caught:
        add_person(db, user="clerk", draft=draft(**{field: value}))
    assert (caught.value.code, caught.value.field) == ("text_too_long", field)
    assert count(db, Person) == people
