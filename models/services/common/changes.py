"""What a command changed, decided by the core from the records it wrote; plain data for views."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class RecordKind(StrEnum):
    """The kinds of record a screen may show; each table belongs to one."""

    PEOPLE = "people"
    MEMBERSHIPS = "memberships"
    TERMS = "terms"
    MEETINGS = "meetings"
    MOTIONS = "motions"
    DECISIONS = "decisions"
    ORGANISATION = "organisation"  # the organisation registers (issue 17)
    SETTINGS = "settings"


# Tables by name (strings, so that views may import this module without SQLAlchemy).
# Tables a clerk never sees change (users, the change log, counters) are absent on purpose.
_KIND_OF_TABLE: dict[str, RecordKind] = {
    "person": RecordKind.PEOPLE,
    "body": RecordKind.TERMS,
    "term": RecordKind.TERMS,
    "membership": RecordKind.MEMBERSHIPS,
    "electoral_unit": RecordKind.TERMS,
    "seat_allocation": RecordKind.TERMS,
    "meeting": RecordKind.MEETINGS,
    "agenda_item": RecordKind.MEETINGS,
    "attendance": RecordKind.MEETINGS,
    "minutes": RecordKind.MEETINGS,
    "minutes_amendment": RecordKind.MEETINGS,
    "handling_unit": RecordKind.MOTIONS,
    "motion": RecordKind.MOTIONS,
    "motion_co_signer": RecordKind.MOTIONS,
    "assignment": RecordKind.MOTIONS,
    "assignment_extension": RecordKind.MOTIONS,
    "motion_contact": RecordKind.MOTIONS,
    "motion_reply": RecordKind.MOTIONS,
    "motion_feedback": RecordKind.MOTIONS,
    "motion_state_change": RecordKind.MOTIONS,
    "motion_attachment": RecordKind.MOTIONS,
    "major_decision": RecordKind.DECISIONS,
    "decision_step": RecordKind.DECISIONS,
    "decision_attachment": RecordKind.DECISIONS,
    "decision_discussion": RecordKind.DECISIONS,
    "decision_participant": RecordKind.DECISIONS,
    "decision_position": RecordKind.DECISIONS,
    "decision_reopening": RecordKind.DECISIONS,
    "decision_follow_up": RecordKind.DECISIONS,
    "decision_state_change": RecordKind.DECISIONS,
    "township": RecordKind.ORGANISATION,
    "place": RecordKind.ORGANISATION,
    "place_population": RecordKind.ORGANISATION,
    "cadre": RecordKind.ORGANISATION,
    "warm_home": RecordKind.ORGANISATION,
    "contact_point": RecordKind.ORGANISATION,
    "field_visit": RecordKind.ORGANISATION,
    "grassroots_organisation": RecordKind.ORGANISATION,
    "organisation_officer": RecordKind.ORGANISATION,
    "setting": RecordKind.SETTINGS,
}
# The record whose id a screen may look for, per kind (its rows' child tables carry other ids).
_MAIN_TABLE = {
    "person": RecordKind.PEOPLE,
    "membership": RecordKind.MEMBERSHIPS,
    "term": RecordKind.TERMS,
    "meeting": RecordKind.MEETINGS,
    "motion": RecordKind.MOTIONS,
    "major_decision": RecordKind.DECISIONS,
}


@dataclass(frozen=True)
class Changes:
    """The kinds of record a command wrote, and the ids of the main records among them."""

    kinds: frozenset[RecordKind] = frozenset()
    ids: frozenset[tuple[RecordKind, int]] = frozenset()

    @classmethod
    def of_tables(cls, touched: Iterable[tuple[str, str]]) -> Changes:
        kinds: set[RecordKind] = set()
        ids: set[tuple[RecordKind, int]] = set()
        for table, identity in touched:
            kind = _KIND_OF_TABLE.get(table)
            if kind is None:
                continue
            kinds.add(kind)
            if table in _MAIN_TABLE and identity.isdigit():
                ids.add((kind, int(identity)))
        return cls(frozenset(kinds), frozenset(ids))

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def touches(self, *kinds: RecordKind) -> bool:
        return any(kind in self.kinds for kind in kinds)

    def ids_of(self, kind: RecordKind) -> frozenset[int]:
        return frozenset(i for k, i in self.ids if k is kind)

    @property
    def people(self) -> bool:
        return RecordKind.PEOPLE in self.kinds

    @property
    def memberships(self) -> bool:
        return RecordKind.MEMBERSHIPS in self.kinds

    @property
    def terms(self) -> bool:
        return RecordKind.TERMS in self.kinds

    @property
    def meetings(self) -> bool:
        return RecordKind.MEETINGS in self.kinds

    @property
    def motions(self) -> bool:
        return RecordKind.MOTIONS in self.kinds

    @property
    def decisions(self) -> bool:
        return RecordKind.DECISIONS in self.kinds

    @property
    def organisation(self) -> bool:
        return RecordKind.ORGANISATION in self.kinds

    @property
    def settings(self) -> bool:
        return RecordKind.SETTINGS in self.kinds


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A command's result with what it changed."""

    value: T
    changes: Changes = field(default_factory=Changes)
