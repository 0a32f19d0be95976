"""What the electoral units feature hands out: a congress term's units with their seats, and what
a change did. Plain data, so the window may import it before the database is open."""

from __future__ import annotations

from dataclasses import dataclass

# The kinds a unit may have (DOMAIN §1 选举单位): a street, a town, or a sector such as 特邀.
UNIT_KINDS = ("街道", "镇", "界别")


@dataclass(frozen=True)
class UnitRow:
    """One electoral unit as seen from one congress term.

    Units are shared by every term (a street nominates in each); seats are the term's own.
    Electoral units carry no version column: a change is small and said back at once.
    """

    id: int
    name: str
    kind: str
    order: int  # 1, 2, 3 … in the units' order
    seats: int | None  # 名额 in this term; None when the term allocates it none
    members: int  # memberships of this term naming the unit, whatever their status
    used: int  # memberships of every term naming it: a unit in use cannot be removed

    @property
    def is_used(self) -> bool:
        return self.used > 0


@dataclass(frozen=True)
class TermUnits:
    """Every unit, in order, with the seats of one congress term."""

    term_id: int
    term: int  # the 届次
    term_name: str  # 第八届代表大会
    units: tuple[UnitRow, ...]

    @property
    def total_seats(self) -> int:
        return sum(u.seats for u in self.units if u.seats is not None)

    @property
    def allocated(self) -> int:
        """How many units have seats (possibly 0) in the term."""
        return sum(1 for u in self.units if u.seats is not None)

    @property
    def members(self) -> int:
        return sum(u.members for u in self.units)

    def unit(self, name: str) -> UnitRow | None:
        return next((u for u in self.units if u.name == name), None)


@dataclass(frozen=True)
class SeatsSet:
    """What `set_seats` did: the units it created and those whose seats it changed."""

    units: TermUnits
    created: tuple[str, ...]
    changed: tuple[str, ...]  # created ones included; a unit given its seats unchanged is absent
