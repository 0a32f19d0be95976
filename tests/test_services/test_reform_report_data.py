"""The yearly reform report's data and file from the database, on SQLite and PostgreSQL: the
organisation registers' checks in their parts with their charts, the print logged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from models.documents.paper import texts
from models.documents.papers.reform_report import reform_report_paper
from models.domain.errors import DomainError
from models.entities import ChangeLog
from models.entities.organisation import FieldVisit
from models.services.papers._reform_papers import reform_report_data
from models.services.papers.commands import write_reform_report
from models.store.unit_of_work import Database

from .test_organisation_check import YEAR, build

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


def test_every_rule_met_gives_charts_and_no_shortfall(db: Database) -> None:
    build(db)
    data = reform_report_data(db, year=YEAR)
    parts = {part.key: part for part in data.parts}
    contact = parts["contact"]
    assert {r.status for r in contact.results} == {"pass"}
    assert contact.shortfalls == ()
    days = contact.charts[0]
    assert sorted(bar.label for bar in days.bars) == ["丙理事", "乙理事长", "甲书记"]
    assert all(bar.value >= 60 and not days.short(bar) for bar in days.bars)
    assert parts["homes"].charts[0].bars[0].value == 100.0
    assert any(r.name.startswith("主席团审议") for r in parts["congress"].results)
    words = "".join(texts(reform_report_paper(data)))
    assert not re.search(r"[a-z]+\.[a-z_]+", words)


def test_a_member_short_of_days_is_listed_and_red(db: Database) -> None:
    built = build(db)
    person = built.people["丙理事"]
    with db.unit_of_work("clerk") as uow:
        visits = uow.session.scalars(
            select(FieldVisit).where(FieldVisit.person_id == person).order_by(FieldVisit.visited_on)
        ).all()
        uow.session.delete(visits[-1])
        uow.commit()
    data = reform_report_data(db, year=YEAR)
    contact = next(part for part in data.parts if part.key == "contact")
    assert [r.status for r in contact.results if r.name.startswith("现场调研")] == ["fail"]
    rows = [row for short in contact.shortfalls for row in short.rows]
    assert [row[0] for row in rows] == ["丙理事"]
    chart = contact.charts[0]
    short = [bar.label for bar in chart.bars if chart.short(bar)]
    assert short == ["丙理事"]


def test_the_report_is_written_and_logged(db: Database, tmp_path: Path) -> None:
    build(db)
    path = tmp_path / "report.pdf"
    warnings = write_reform_report(
        db, user="clerk", year=YEAR, path=path, fonts_dir=FONTS, fmt=None
    )
    assert warnings == [] and path.stat().st_size > 0
    with db.session_factory() as session:
        entry = session.scalars(
            select(ChangeLog).where(ChangeLog.action == "print").order_by(ChangeLog.id.desc())
        ).first()
    assert entry is not None and entry.entity_id == "reform-report"
    with pytest.raises(DomainError) as missing:
        write_reform_report(db, user="clerk", year=None, path=path, fonts_dir=FONTS)
    assert missing.value.code == "reform_report_year_missing"


def test_visits_of_another_year_do_not_count(db: Database) -> None:
    build(db)
    data = reform_report_data(db, year=YEAR + 1)
    contact = next(part for part in data.parts if part.key == "contact")
    assert all(bar.value == 0 for bar in contact.charts[0].bars)
