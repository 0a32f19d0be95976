"""A small district for the organisation registers' tests, entered through the services on an
empty database: two townships with a village and a community each, the party group and the
executive council with their members, one member who has left, and one who never sat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.domain.organisation_vocabulary import PlaceKind, TownshipKind
from models.domain.vocabulary import BodyKind, TermStatus
from models.services.organisation.commands import add_record
from models.services.organisation.contracts import PlaceDraft, TownshipDraft
from models.services.people.commands import add_memberships, add_people, end_membership
from models.services.people.contracts import MembershipDraft
from models.services.people.terms import find_term
from models.services.terms.commands import open_term
from models.store.unit_of_work import Database

from ._support import draft, valid_id

CLERK = "clerk"
PEOPLE = ("张书记", "李理事长", "王理事", "赵离任", "孙群众")


@dataclass(frozen=True)
class District:
    towns: dict[str, int]  # township name -> id
    places: dict[str, int]  # place name -> id
    people: dict[str, int]  # person name -> id


def party_group_term(db: Database) -> int:
    with db.session_factory() as session:
        return find_term(session, BodyKind.PARTY_GROUP).id


def build_district(db: Database) -> District:
    towns = {
        name: add_record(db, user=CLERK, draft=TownshipDraft(name=name, kind=kind)).id
        for name, kind in (("大峪街道", TownshipKind.STREET), ("王平镇", TownshipKind.TOWN))
    }
    places = {
        name: add_record(
            db,
            user=CLERK,
            draft=PlaceDraft(township_id=towns[town], name=name, kind=kind, low_income=low),
        ).id
        for name, town, kind, low in (
            ("东辛房社区", "大峪街道", PlaceKind.COMMUNITY, False),
            ("桥户营村", "王平镇", PlaceKind.VILLAGE, True),
            ("西马各庄村", "王平镇", PlaceKind.VILLAGE, False),
            ("王平社区", "王平镇", PlaceKind.COMMUNITY, False),
        )
    }
    ids = {name: valid_id(sequence=f"{i:02d}1") for i, name in enumerate(PEOPLE, start=20)}
    rows = add_people(
        db, user=CLERK, drafts=[draft(name=n, gender="男", id_number=ids[n]) for n in PEOPLE]
    )
    people = {row.name: row.id for row in rows}
    council = open_term(
        db,
        user=CLERK,
        kind=BodyKind.EXECUTIVE_COUNCIL,
        term=7,
        status=TermStatus.CURRENT,
        start_date=date(2021, 6, 18),
    )
    since = date(2021, 6, 18)
    add_memberships(
        db,
        user=CLERK,
        term_id=party_group_term(db),
        entries=[
            (people["张书记"], MembershipDraft(position="党组书记", start_date=since)),
            (people["李理事长"], MembershipDraft(position="党组成员", start_date=since)),
        ],
    )
    seated = add_memberships(
        db,
        user=CLERK,
        term_id=council.id,
        entries=[
            (people["李理事长"], MembershipDraft(position="理事长", start_date=since)),
            (people["王理事"], MembershipDraft(position="理事", start_date=since)),
            (people["赵离任"], MembershipDraft(position="副理事长", start_date=since)),
        ],
    )
    left = seated[-1]
    end_membership(
        db,
        user=CLERK,
        membership_id=left.id,
        expected_version=None,
        end_date=date(2025, 3, 1),
        reason="辞职",
    )
    return District(towns, places, people)
