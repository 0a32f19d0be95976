"""Migration 0009: an existing database's duplicate open memberships are ended, not refused."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from models.domain.vocabulary import BodyKind, MembershipStatus, Position, TermStatus
from models.entities import Body, ChangeLog, Membership, Person, Term
from models.store import migrate


def _upgrade_to(engine, revision: str) -> None:
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_later_duplicates_are_ended_with_a_note_and_the_index_is_made(fresh, backend):
    engine = fresh.engine(backend)
    _upgrade_to(engine, "0008")
    with Session(engine) as session:
        congress = session.scalar(select(Body).where(Body.kind == BodyKind.CONGRESS))
        term = Term(body=congress, ordinal=8, status=TermStatus.DRAFT)
        person = Person(name="张三", gender="男", id_number="110109198001021239")
        other = Person(name="李四", gender="女", id_number="110109198503150022")

        def seat(who: Person, status: MembershipStatus) -> Membership:
            return Membership(person=who, term=term, position=Position.DELEGATE, status=status)

        kept, twin, triplet = (seat(person, MembershipStatus.CANDIDATE) for _ in range(3))
        ended = seat(person, MembershipStatus.ENDED)
        alone = seat(other, MembershipStatus.ELECTED)
        session.add_all([kept, twin, triplet, ended, alone])
        session.commit()
        ids = {name: m.id for name, m in locals().items() if isinstance(m, Membership)}

    migrate.upgrade(engine)

    with Session(engine) as session:
        status = dict(session.execute(select(Membership.id, Membership.status)).all())
        assert status[ids["kept"]] is MembershipStatus.CANDIDATE
        assert status[ids["alone"]] is MembershipStatus.ELECTED
        assert status[ids["twin"]] is status[ids["triplet"]] is MembershipStatus.ENDED
        twin = session.get(Membership, ids["twin"])
        assert f"保留 #{ids['kept']}" in twin.end_basis
        assert twin.version == 2 and twin.updated_by == "升级0009"
        logged = session.scalars(
            select(ChangeLog.entity_id).where(ChangeLog.entity == "membership")
        ).all()
        assert sorted(logged) == sorted([str(ids["twin"]), str(ids["triplet"])])
    indexes = {i["name"]: i for i in inspect(engine).get_indexes("membership")}
    assert indexes["uq_membership_open"]["unique"]
    engine.dispose()
