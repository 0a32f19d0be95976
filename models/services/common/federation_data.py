"""Whether a database holds a federation's data, and clearing it all (for `yishi demo --force`)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import CursorResult, delete, func, select, update

from models.entities import (
    AgendaItem,
    Assignment,
    AssignmentExtension,
    Attendance,
    Body,
    Cadre,
    Contact,
    ContactPoint,
    DecisionAttachment,
    DecisionDiscussion,
    DecisionFollowUp,
    DecisionParticipant,
    DecisionPosition,
    DecisionReopening,
    DecisionStateChange,
    DecisionStep,
    ElectoralUnit,
    Feedback,
    FieldVisit,
    GrassrootsOrganisation,
    HandlingUnit,
    MajorDecision,
    Meeting,
    Membership,
    Minutes,
    MinutesAmendment,
    Motion,
    MotionAttachment,
    MotionCoSigner,
    MotionCounter,
    MotionStateChange,
    OrganisationOfficer,
    Person,
    Place,
    PlacePopulation,
    Reply,
    SeatAllocation,
    Setting,
    Term,
    Township,
    User,
    WarmHome,
)
from models.services.common.access import guarded
from models.services.common.taken import refusing_taken_record
from models.store.unit_of_work import Database

# Set by `yishi demo` when it built the demo federation: its data is the demo's, not an office's.
DEMO_MARKER = "demo.built"


def holds_federation_data(db: Database) -> bool:
    """Anything a clerk entered: people, terms beyond the party group's, electoral units, meetings,
    motions, decisions, the organisation registers (townships, cadres)."""
    terms = select(func.count()).select_from(Term).join(Body).where(Body.code != "party_group")
    with db.session_factory() as session:
        return any(
            (session.scalar(query) or 0) > 0
            for query in (
                select(func.count()).select_from(Person),
                terms,
                select(func.count()).select_from(ElectoralUnit),
                select(func.count()).select_from(Meeting),
                select(func.count()).select_from(Motion),
                select(func.count()).select_from(MajorDecision),
                select(func.count()).select_from(Township),
                select(func.count()).select_from(Cadre),
            )
        )


@guarded("demo.generate")
def clear_federation(
    db: Database, *, user: str, note: str, settings: Sequence[str] = ()
) -> dict[str, int]:
    """Delete the federation's data (and the named settings); the change log keeps one row.
    The profile and the rules in force stay: they say who the office is, not what it recorded."""
    counts: dict[str, int] = {}
    party_group_term = select(Term.id).join(Body).where(Body.code == "party_group")
    with db.unit_of_work(user) as uow:
        session = uow.session
        session.execute(update(Motion).values(lead_motion_id=None))
        # 承办单位 accounts stay (accounts are not the federation's records) but lose their unit,
        # which goes: they see no motion until an administrator links them to one again.
        session.execute(update(User).where(User.unit_id.is_not(None)).values(unit_id=None))
        for table, statement in (
            ("decision_attachment", delete(DecisionAttachment)),
            ("decision_step", delete(DecisionStep)),
            ("decision_position", delete(DecisionPosition)),
            ("decision_participant", delete(DecisionParticipant)),
            ("decision_discussion", delete(DecisionDiscussion)),
            ("decision_reopening", delete(DecisionReopening)),
            ("decision_follow_up", delete(DecisionFollowUp)),
            ("decision_state_change", delete(DecisionStateChange)),
            ("major_decision", delete(MajorDecision)),
            ("motion_state_change", delete(MotionStateChange)),
            ("motion_feedback", delete(Feedback)),
            ("motion_reply", delete(Reply)),
            ("motion_contact", delete(Contact)),
            ("assignment_extension", delete(AssignmentExtension)),
            ("assignment", delete(Assignment)),
            ("motion_co_signer", delete(MotionCoSigner)),
            ("motion_attachment", delete(MotionAttachment)),
            ("motion", delete(Motion)),
            ("motion_counter", delete(MotionCounter)),
            ("handling_unit", delete(HandlingUnit)),
            ("minutes_amendment", delete(MinutesAmendment)),
            ("minutes", delete(Minutes)),
            ("attendance", delete(Attendance)),
            ("agenda_item", delete(AgendaItem)),
            ("meeting", delete(Meeting)),
            # The organisation registers: visits and contact points name people.
            ("organisation_officer", delete(OrganisationOfficer)),
            ("grassroots_organisation", delete(GrassrootsOrganisation)),
            ("field_visit", delete(FieldVisit)),
            ("contact_point", delete(ContactPoint)),
            ("warm_home", delete(WarmHome)),
            ("place_population", delete(PlacePopulation)),
            ("cadre", delete(Cadre)),
            ("place", delete(Place)),
            ("township", delete(Township)),
            ("membership", delete(Membership)),
            ("seat_allocation", delete(SeatAllocation)),
            ("term", delete(Term).where(Term.id.not_in(party_group_term))),
            ("electoral_unit", delete(ElectoralUnit)),
            ("person", delete(Person)),
            ("setting", delete(Setting).where(Setting.key.in_(settings))),
        ):
            result = session.execute(statement)
            assert isinstance(result, CursorResult)  # a DELETE's result counts its rows
            counts[table] = result.rowcount
        uow.log(action="purge", entity="database", entity_id="*", after=counts, note=note)
        uow.commit()
    return counts


def put_setting(db: Database, *, user: str, key: str, value: str) -> None:
    """Store one setting's value, adding it or replacing the one stored."""
    with refusing_taken_record(f"设置“{key}”"), db.unit_of_work(user) as uow:
        setting = uow.session.get(Setting, key)
        if setting is None:
            uow.session.add(Setting(key=key, value=value, updated_by=user))
        else:
            setting.value, setting.updated_by = value, user
        uow.commit()
