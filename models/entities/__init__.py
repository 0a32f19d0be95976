"""SQLAlchemy mapping of the federation's records; importing this package registers every table."""

from models.entities.admin import ChangeLog, Setting, User
from models.entities.base import Base
from models.entities.bodies import Body, Membership, Term
from models.entities.electoral import ElectoralUnit, SeatAllocation
from models.entities.meetings import AgendaItem, Attendance, Meeting, Minutes, MinutesAmendment
from models.entities.people import Person

__all__ = [
    "AgendaItem",
    "Attendance",
    "Base",
    "Body",
    "ChangeLog",
    "ElectoralUnit",
    "Meeting",
    "Membership",
    "Minutes",
    "MinutesAmendment",
    "Person",
    "SeatAllocation",
    "Setting",
    "Term",
    "User",
]
