"""SQLAlchemy mapping of the federation's records; importing this package registers every table."""

from models.entities.admin import ChangeLog, Setting, User
from models.entities.base import Base
from models.entities.bodies import Body, Membership, Term
from models.entities.decisions import (
    DecisionAttachment,
    DecisionDiscussion,
    DecisionFollowUp,
    DecisionParticipant,
    DecisionPosition,
    DecisionReopening,
    DecisionStateChange,
    DecisionStep,
    MajorDecision,
)
from models.entities.electoral import ElectoralUnit, SeatAllocation
from models.entities.meetings import AgendaItem, Attendance, Meeting, Minutes, MinutesAmendment
from models.entities.motions import (
    Assignment,
    AssignmentExtension,
    Contact,
    Feedback,
    HandlingUnit,
    Motion,
    MotionAttachment,
    MotionCoSigner,
    MotionCounter,
    MotionStateChange,
    Reply,
)
from models.entities.people import Person

__all__ = [
    "AgendaItem",
    "Assignment",
    "AssignmentExtension",
    "Attendance",
    "Base",
    "Body",
    "ChangeLog",
    "Contact",
    "DecisionAttachment",
    "DecisionDiscussion",
    "DecisionFollowUp",
    "DecisionParticipant",
    "DecisionPosition",
    "DecisionReopening",
    "DecisionStateChange",
    "DecisionStep",
    "ElectoralUnit",
    "Feedback",
    "HandlingUnit",
    "MajorDecision",
    "Meeting",
    "Membership",
    "Minutes",
    "MinutesAmendment",
    "Motion",
    "MotionAttachment",
    "MotionCoSigner",
    "MotionCounter",
    "MotionStateChange",
    "Person",
    "Reply",
    "SeatAllocation",
    "Setting",
    "Term",
    "User",
]
