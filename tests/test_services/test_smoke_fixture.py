"""The shared-database fixture isolates tests from each other on both backends."""

from models.services.people.commands import add_person
from models.services.people.contracts import PeopleFilter, PersonDraft
from models.services.people.queries import list_people


def _draft(name: str = "张三") -> PersonDraft:
    return PersonDraft(name=name, gender="男", id_number="110109198001021239")


def test_add_person_is_visible_within_the_test(db):
    add_person(db, user="clerk", draft=_draft())
    found = list_people(db, user="clerk", where=PeopleFilter(search="zs"))
    assert [p.name for p in found] == ["张三"]


def test_previous_test_was_rolled_back(db):
    assert list_people(db, user="clerk", where=PeopleFilter(search="zs")) == []
