"""The slate papers (代表名单, 构成情况统计表) of a body's term, built from the slate service."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from models.documents.paper import Paper
from models.documents.papers.slate_papers import composition_paper, slate_list_paper
from models.domain.composition_table import composition_table
from models.domain.slate import SlateRecord
from models.domain.vocabulary import BodyKind, TermStatus, chinese_ordinal
from models.entities import Term
from models.services.papers._common import organisation_name, today
from models.services.papers._refusal import bad_arguments
from models.services.papers.contracts import PAPER_NAMES, PaperKind
from models.services.slates.contracts import SLATE_BODIES, TermSlate
from models.services.slates.queries import load_term_slate, units_of_term
from models.store.unit_of_work import Database


def _slate(db: Database, body: BodyKind | None, term: int | None, paper: PaperKind) -> TermSlate:
    if body is None:
        raise bad_arguments(f"打印{PAPER_NAMES[paper]}需要指明机构（--body congress 或 presidium）")
    if body not in SLATE_BODIES:
        raise bad_arguments("名单和构成统计表只有代表大会、主席团和执行理事会才有")
    return load_term_slate(db, kind=body, term=term)


def _slate_name(slate: TermSlate) -> str:
    """第八次代表大会代表候选人名单 / 第八届主席团委员名单 without the closing 名单."""
    n = slate.term
    candidates = "候选人" if slate.term_status is TermStatus.DRAFT else ""
    if slate.body is BodyKind.CONGRESS:
        term = f"第{chinese_ordinal(n)}次" if n else ""
        return f"{term}代表大会代表{candidates}"
    term = f"第{chinese_ordinal(n)}届" if n else ""
    body = "主席团委员" if slate.body is BodyKind.PRESIDIUM else "执行理事会理事"
    return f"{term}{body}{candidates}"


def _opening_date(db: Database, term_id: int) -> date | None:
    with db.session_factory() as session:
        term = session.get(Term, term_id)
        return term.start_date if term is not None else None


def slate_paper(
    db: Database, *, body: BodyKind | None, term: int | None, public: bool = False
) -> tuple[Paper, TermSlate]:
    """代表名单 by electoral unit (congress: in the units' order), ID numbers masked."""
    slate = _slate(db, body, term, PaperKind.SLATE)
    people: tuple[SlateRecord, ...] = slate.people
    units: list[str] | tuple[str, ...] = ()
    if slate.body is BodyKind.CONGRESS:
        units = units_of_term(db, term_id=slate.term_id)
    elif not any(p.electoral_unit for p in people):
        # No electoral units on a presidium or council slate: one section, named after the body.
        group = _slate_name(slate).replace("候选人", "")
        group = group[group.find("届") + 1 :]
        people = tuple(replace(p, electoral_unit=group) for p in people)
    paper = slate_list_paper(
        f"{organisation_name(db)}{_slate_name(slate)}名单",
        people,
        units=units,
        on=today(),
        public=public,
    )
    return paper, slate


def composition_paper_of(db: Database, *, body: BodyKind | None, term: int | None) -> Paper:
    """Ages at the term's opening date, today while it is unknown (DOMAIN §7)."""
    slate = _slate(db, body, term, PaperKind.COMPOSITION)
    on = _opening_date(db, slate.term_id) or today()
    name = _slate_name(slate).replace("候选人", "")
    title = f"{organisation_name(db)}{name}构成情况统计表"
    return composition_paper(title, composition_table(slate.people, on=on))
