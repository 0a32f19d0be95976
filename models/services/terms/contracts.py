"""What the terms feature shows and takes: a term with its head counts, a candidate, a result."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from models.domain.vocabulary import BodyKind, MembershipStatus, StartReason
from models.services.people.contracts import TermRow

# The bodies whose members are elected from a slate; the others' terms have no election.
ELECTED_BODIES = (BodyKind.CONGRESS, BodyKind.PRESIDIUM)


class ElectionOutcome(StrEnum):
    """One candidate's result (DOMAIN §8): 当选 or 未当选; a reserve moved up is 递补."""

    ELECTED = "当选"
    NOT_ELECTED = "未当选"
    MOVED_UP = "递补"


@dataclass(frozen=True)
class TermSummary:
    """A term as the 届次管理 list shows it, with who is in it."""

    term: TermRow
    members: int  # 在任 (elected, not ended)
    candidates: int  # candidates without a result yet
    reserves: int
    not_elected: int
    ended: int
    meetings: int

    @property
    def people(self) -> int:
        """Everyone the term holds, in any status: a term with none may be deleted."""
        return self.members + self.candidates + self.reserves + self.not_elected + self.ended


@dataclass(frozen=True)
class Nominee:
    """A candidate or reserve of a term (or a delegate offered to the presidium): masked ID."""

    person_id: int
    name: str
    id_number: str  # masked
    status: MembershipStatus
    start_reason: StartReason | None
    electoral_unit: str
    membership_id: int


@dataclass(frozen=True)
class ElectionResult:
    """The result for one person, named by person id (the window) or ID number (a file)."""

    outcome: ElectionOutcome
    person_id: int | None = None
    id_number: str | None = None


@dataclass(frozen=True)
class ElectionRecord:
    """What recording an election changed, and what is still undecided."""

    term: TermRow
    elected: int
    not_elected: int
    moved_up: int
    undecided: int


@dataclass(frozen=True)
class HandoverPlan:
    """What making a term current will do: said in the confirmation before it is done."""

    term: TermRow
    previous: TermRow | None
    ending: int  # the previous term's memberships in office, which end with 届满


@dataclass(frozen=True)
class Handover:
    term: TermRow
    previous: TermRow | None
    ended: int
