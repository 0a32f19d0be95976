"""What a 承办单位 account may see of the motions: those its unit is assigned to, nothing else.

The reads take the reader explicitly (`reader: SignedIn | None`) rather than from `running_as()`:
a query is not a guarded command, so nothing has set the running account when the window lists
motions, and a reader in the signature makes every caller say whose list it asks for. None (and
every role but 承办单位) reads every motion, as before accounts.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, false, or_, select

from models.domain.errors import DomainError
from models.domain.permissions import PERMISSIONS
from models.domain.roles import Role, SignedIn
from models.entities import Assignment, Motion

READ = "motions.read"


def unit_of(reader: SignedIn | None) -> int | None:
    """The unit whose motions alone the reader sees; None for a reader who sees every motion."""
    if reader is None or reader.role is not Role.UNIT:
        return None
    # A 承办单位 account without a unit sees nothing (-1 matches no unit).
    return reader.unit_id if reader.unit_id is not None else -1


def visible_to(unit_id: int) -> ColumnElement[bool]:
    """The unit holds an active assignment of the motion, or of the motion it was merged into
    (a merged motion follows its lead's units)."""
    assigned = select(Assignment.motion_id).where(
        Assignment.unit_id == unit_id, Assignment.active.is_(True)
    )
    if unit_id < 0:
        return false()
    return or_(Motion.id.in_(assigned), Motion.lead_motion_id.in_(assigned))


def scoped(query: Select[Motion], reader: SignedIn | None) -> Select[Motion]:
    unit_id = unit_of(reader)
    return query if unit_id is None else query.where(visible_to(unit_id))


def refuse_unseen(motion: Motion, reader: SignedIn | None) -> None:
    """One motion asked for by id: another unit's motion is refused, not shown."""
    unit_id = unit_of(reader)
    if unit_id is None:
        return
    source = motion.lead_motion if motion.lead_motion is not None else motion
    if unit_id not in {a.unit_id for a in source.assignments if a.active}:
        assert reader is not None
        raise DomainError(
            "unit_scope_refused", unit=reader.unit_name or "", action=PERMISSIONS[READ].label
        )
