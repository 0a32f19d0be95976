"""Rosters for the window: a term's members (leavers last), the registry's roles, instant search."""

from __future__ import annotations

from datetime import date

from models.domain.vocabulary import BodyKind, MembershipStatus, TermStatus
from models.services.people.commands import add_membership, add_person, end_membership
from models.services.people.contracts import MembershipDraft
from models.services.people.queries import members_of_term, registry
from models.services.people.search import search_entries
from models.services.terms.commands import open_term

from ._support import LI_SI_ID, WANG_WU_ID, ZHANG_SAN_ID, add_units, draft


def _federation(db) -> dict[str, int]:
    add_units(db, "大峪街道")
    congress = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    zhang = add_person(db, user="setup", draft=draft())
    li = add_person(db, user="setup", draft=draft(name="李四", gender="女", id_number=LI_SI_ID))
    add_person(db, user="setup", draft=draft(name="王五", id_number=WANG_WU_ID))
    delegate = MembershipDraft(position="代表", status="candidate", electoral_unit="大峪街道")
    left = add_membership(db, user="setup", person_id=zhang.id, term_id=congress.id, draft=delegate)
    add_membership(db, user="setup", person_id=li.id, term_id=congress.id, draft=delegate)
    end_membership(
        db,
        user="setup",
        membership_id=left.id,
        expected_version=left.version,
        end_date=date(2026, 12, 30),
        reason="辞职",
    )
    return {"congress": congress.id, "zhang": zhang.id, "li": li.id}


def test_members_of_term_list_leavers_last_with_masked_ids(db):
    ids = _federation(db)
    entries = members_of_term(db, term_id=ids["congress"])
    assert [(e.name, e.status) for e in entries] == [
        ("李四", MembershipStatus.CANDIDATE),
        ("张三", MembershipStatus.ENDED),
    ]
    ended = entries[1]
    assert (ended.end_reason, ended.end_date, ended.electoral_unit) == (
        "辞职",
        date(2026, 12, 30),
        "大峪街道",
    )
    assert "*" in ended.id_number and ended.id_tail == ZHANG_SAN_ID[-6:]


def test_registry_lists_everyone_with_their_present_roles(db):
    ids = _federation(db)
    by_name = {e.name: e for e in registry(db)}
    assert set(by_name) == {"张三", "李四", "王五"}
    assert by_name["李四"].roles == "第八届代表大会代表"
    assert by_name["张三"].roles == ""  # ended memberships are history, not a present role
    assert by_name["李四"].person_id == ids["li"] and by_name["李四"].membership_id is None


def test_search_by_name_pinyin_initials_and_id_tail(db):
    _federation(db)
    entries = registry(db)
    assert [e.name for e in search_entries(entries, "zs")] == ["张三"]
    assert [e.name for e in search_entries(entries, "lisi")] == ["李四"]
    assert [e.name for e in search_entries(entries, "王")] == ["王五"]
    assert [e.name for e in search_entries(entries, "101x")] == ["王五"]  # the ID's last digits
    assert len(search_entries(entries, "  ")) == 3
