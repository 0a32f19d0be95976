"""What can be printed and how, without a database: the paper names, formats and requests."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.domain.errors import DomainError
from models.services.papers.contracts import (
    PAPER_NAMES,
    PAPERS,
    PaperFormat,
    PaperKind,
    PaperRequest,
)
from models.services.papers.queries import paper_kind, parse_format, resolve_format


def test_every_paper_has_a_name_and_the_cli_spelling() -> None:
    assert set(PAPER_NAMES) == set(PAPERS) and len(PAPERS) == 12
    assert PaperKind("association-attendance") is PaperKind.ASSOCIATION_ATTENDANCE
    assert paper_kind("reply") is PaperKind.REPLY
    with pytest.raises(DomainError) as refused:
        paper_kind("Reply")
    assert refused.value.code == "bad_arguments"


def test_only_the_summary_and_the_register_are_also_workbooks() -> None:
    workbooks = {p for p in PaperKind if PaperFormat.XLSX in p.formats}
    assert workbooks == {PaperKind.MOTION_SUMMARY, PaperKind.DECISION_REGISTER}
    assert all(p.formats[:2] == (PaperFormat.PDF, PaperFormat.DOCX) for p in PaperKind)
    assert parse_format(" XLSX ", paper=PaperKind.DECISION_REGISTER) is PaperFormat.XLSX
    with pytest.raises(DomainError) as refused:
        parse_format("xlsx", paper=PaperKind.REPLY)
    assert refused.value.params["detail"] == "格式只能是 pdf 或 docx，而不是“xlsx”"
    assert resolve_format(Path("台账.XLSX"), None, paper=PaperKind.DECISION_REGISTER) == "xlsx"
    with pytest.raises(DomainError):
        resolve_format(Path("纪要.xlsx"), None, paper=PaperKind.MINUTES)


def test_whole_id_numbers_are_revealed_only_on_a_slate_that_is_not_public() -> None:
    assert PaperRequest(PaperKind.SLATE, identifiers_whole=True).reveals_identifiers
    assert not PaperRequest(
        PaperKind.SLATE, identifiers_whole=True, public=True
    ).reveals_identifiers
    assert not PaperRequest(PaperKind.SLATE).reveals_identifiers
    assert not PaperRequest(PaperKind.SIGNIN, identifiers_whole=True).reveals_identifiers
