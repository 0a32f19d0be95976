"""What the slate editor loads: the slate, the rules in force and the congress's seats; a preview."""

from __future__ import annotations

from sqlalchemy import select

from models.domain.vocabulary import BodyKind, TermStatus
from models.entities import ElectoralUnit, SeatAllocation
from models.services.common.settings import record_rules
from models.services.rosters.queries import preview_slate_import
from models.services.slates.commands import import_slate
from models.services.slates.queries import slate_workbench, units_of_term
from models.services.terms.commands import open_term

from ._support import add_units
from .test_slates import RULES_TEXT, UNITS, row, slate_rows, write


def _seat(db, term_id: int, unit: str, seats: int) -> None:
    """Seats are seeded data without a command of their own yet; written directly."""
    with db.unit_of_work("setup") as uow:
        unit_id = uow.session.scalar(select(ElectoralUnit.id).where(ElectoralUnit.name == unit))
        uow.session.add(SeatAllocation(electoral_unit_id=unit_id, term_id=term_id, seats=seats))
        uow.commit()


def _prepare(db) -> tuple[int, int]:
    add_units(db, *UNITS)
    record_rules(db, user="setup", rules_id="mentougou-2019", content=RULES_TEXT)
    congress = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    presidium = open_term(
        db, user="setup", kind=BodyKind.PRESIDIUM, term=8, status=TermStatus.DRAFT
    )
    return congress.id, presidium.id


def test_congress_workbench_has_the_slate_the_rules_in_force_and_the_seats(db, tmp_path):
    congress, _ = _prepare(db)
    _seat(db, congress, "斋堂镇", 5)
    _seat(db, congress, "大峪街道", 4)
    _seat(db, congress, "城子街道", 3)
    import_slate(
        db,
        user="clerk",
        path=write(tmp_path / "s.xlsx", slate_rows()),
        kind=BodyKind.CONGRESS,
        term=8,
    )
    bench = slate_workbench(db, kind=BodyKind.CONGRESS, term=None)  # the draft term by default
    assert (bench.slate.term_id, bench.slate.term, bench.slate.body) == (
        congress,
        8,
        BodyKind.CONGRESS,
    )
    assert len(bench.slate.people) == 12
    assert bench.rules.id == "mentougou-2019"
    assert bench.seats == (("大峪街道", 4), ("城子街道", 3), ("斋堂镇", 5))  # the units' order


def test_presidium_workbench_has_no_seats(db):
    _, presidium = _prepare(db)
    bench = slate_workbench(db, kind=BodyKind.PRESIDIUM, term=8)
    assert (bench.slate.term_id, bench.slate.people, bench.seats) == (presidium, (), ())


def test_preview_reads_the_file_against_the_terms_units_and_writes_nothing(db, tmp_path):
    congress, _ = _prepare(db)
    _seat(db, congress, "大峪街道", 4)
    path = write(tmp_path / "s.xlsx", [row(0, "视力"), row(1, "听力")])  # 大峪街道, 城子街道
    sheet = preview_slate_import(db, path=path, kind=BodyKind.CONGRESS, term_id=congress).sheet
    assert sheet.total == 2 and len(sheet.records) == 1
    assert [(p.column, p.code) for p in sheet.problems] == [("选举单位", "unit_unknown")]
    assert slate_workbench(db, kind=BodyKind.CONGRESS, term=8).slate.people == ()
    # Units with seats are the term's units; the rest are not offered.
    assert units_of_term(db, term_id=congress) == ["大峪街道"]
