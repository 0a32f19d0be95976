"""Printing from the demo database on both backends: what each paper says, and that printing only
reads — except the logged request to print ID numbers whole."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from models.demo.meetings import AMENDED_REASON
from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import MeetingStatus
from models.domain.vocabulary import BodyKind
from models.entities import ChangeLog
from models.services.common.settings import record_rules
from models.services.meetings.queries import list_meetings
from models.services.papers._common import organisation_name
from models.services.papers.commands import write_paper
from models.services.papers.contracts import PAPERS, PaperFormat, PaperKind, PaperRequest
from models.services.papers.queries import build_paper, paper_kind, paper_title, resolve_format
from tests.test_documents.conftest import FONTS_DIR, pdf_text
from tests.test_services._support import last_log_id, log_since

RULES = Path(__file__).resolve().parents[2] / "resources" / "rules" / "mentougou-2019.toml"


@pytest.fixture
def demo(demo_db):
    """The session's demo (tests/conftest.py), every change rolled back after the test."""
    # as the app does on opening: the district's rules (and with them its name) recorded
    record_rules(demo_db, user="demo-clerk", rules_id=RULES.stem, content=RULES.read_text("utf-8"))
    return demo_db


def _meeting(db, body: BodyKind, number: int) -> int:
    return next(m.id for m in list_meetings(db, body=body) if m.number == number)


def _flat(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(pdf_text(path)))


def _print(db, tmp_path: Path, paper: str, name: str, **kwargs) -> tuple[Path, list[str]]:
    path = tmp_path / name
    request = PaperRequest(PaperKind(paper), **kwargs)
    warnings = write_paper(db, user="clerk", request=request, path=path, fonts_dir=FONTS_DIR)
    return path, warnings


def test_amended_minutes_print_title_attendance_and_the_amendment(demo, tmp_path):
    meeting = _meeting(demo, BodyKind.EXECUTIVE_COUNCIL, 10)
    before = last_log_id(demo)
    pdf, warnings = _print(demo, tmp_path, "minutes", "m.pdf", meeting_id=meeting)
    assert warnings == []
    flat = _flat(pdf)
    assert "门头沟区残疾人联合会第七届执行理事会第十次会议纪要" in flat
    assert "〔2025〕2号" in flat  # the council's second meeting of 2025
    assert "2025年9月11日9时30分" in flat and "赵晓雯记录" in flat
    assert "一、2025年上半年预算执行情况" in flat and "出席：" in flat and "请假：" in flat
    assert "列席：" in flat and "盲人协会主席" in flat
    assert "修正记录" in flat and AMENDED_REASON in flat and "demo-clerk修正第1项议题" in flat
    assert "（草稿）" not in flat
    # Printing only reads, and logs what it wrote (the clerk's first write records the clerk).
    written = [(r.entity, r.action) for r in log_since(demo, before)]
    assert written[-1] == ("paper", "print") and set(written[:-1]) <= {("app_user", "insert")}


def test_a_substitute_and_a_guest_are_listed_as_attending(demo, tmp_path):
    meeting = _meeting(demo, BodyKind.EXECUTIVE_COUNCIL, 9)
    path, _ = _print(demo, tmp_path, "minutes", "m.docx", meeting_id=meeting)
    # The names list carries line breaks that keep each name whole; the line is one paragraph.
    text = "\n".join(p.text.replace("\n", "") for p in docx.Document(str(path)).paragraphs)
    attending = next(line for line in text.splitlines() if line.startswith("列席："))
    assert re.search(r"[^、]+（副主席，代[^、]+列席）", attending), attending
    assert "郝立新（区财政局社会保障科科长）" in attending
    assert "修正记录" not in text


def test_minutes_of_a_planned_meeting_are_a_draft_and_its_signin_lists_the_roster(demo, tmp_path):
    planned = next(m for m in list_meetings(demo) if m.status is MeetingStatus.PLANNED)
    paper = build_paper(demo, request=PaperRequest(PaperKind.MINUTES, meeting_id=planned.id))
    assert paper.title.endswith("纪要（草稿）")
    signin = build_paper(demo, request=PaperRequest(PaperKind.SIGNIN, meeting_id=planned.id))
    members = signin.blocks[2]  # the paragraph, the heading, then the members' table
    assert signin.title == f"门头沟区残疾人联合会{planned.title}签到表"
    assert len(members.rows) > 20 and all(row[3] == "" for row in members.rows)


def test_signin_of_a_held_meeting_marks_leave_and_adds_the_substitute(demo, tmp_path):
    meeting = _meeting(demo, BodyKind.EXECUTIVE_COUNCIL, 9)
    pdf, warnings = _print(demo, tmp_path, "signin", "s.pdf", meeting_id=meeting)
    assert warnings == []
    flat = _flat(pdf)
    assert "一、成员" in flat and "二、列席" in flat and "签到" in flat
    assert "请假" in flat and "副主席，代" in flat


def test_slate_list_masks_ids_and_a_public_list_has_none(demo, tmp_path):
    masked, _ = _print(demo, tmp_path, "slate", "slate.pdf", body=BodyKind.CONGRESS)
    flat = _flat(masked)
    assert "门头沟区残疾人联合会第八次代表大会代表候选人名单" in flat
    assert "110109********" in flat and not re.search(r"110109\d{8}", flat)
    public, _ = _print(demo, tmp_path, "slate", "public.pdf", body=BodyKind.CONGRESS, public=True)
    assert "110109" not in _flat(public)


def test_whole_ids_are_printed_only_with_a_logged_request(demo, tmp_path):
    with demo.session_factory() as session:
        before = session.scalar(select(ChangeLog.id).order_by(ChangeLog.id.desc()).limit(1))
    path, _ = _print(
        demo, tmp_path, "slate", "whole.docx", body=BodyKind.PRESIDIUM, identifiers_whole=True
    )
    cells = [c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells]
    assert any(re.fullmatch(r"\d{17}[\dX]", c) for c in cells)
    with demo.session_factory() as session:
        rows = session.scalars(select(ChangeLog).where(ChangeLog.id > before)).all()
    # besides the clerk's own user row, written on their first unit of work: the one reveal
    assert {(r.action, r.entity) for r in rows} <= {("reveal", "paper"), ("insert", "app_user")}
    (reveal,) = [r for r in rows if r.action == "reveal"]
    assert reveal.user_login == "clerk" and reveal.entity_id == "slate/presidium/8"
    assert "主席团委员候选人名单" in reveal.note and reveal.after["format"] == "docx"


def test_composition_and_association_attendance(demo, tmp_path):
    pdf, warnings = _print(demo, tmp_path, "composition", "c.pdf", body=BodyKind.CONGRESS)
    assert warnings == []
    flat = _flat(pdf)
    assert "第八次代表大会代表构成情况统计表" in flat and "残疾人及亲友" in flat
    pdf, _ = _print(demo, tmp_path, "association-attendance", "a.pdf", year=2025)
    flat = _flat(pdf)
    assert "2025年专门协会列席执行理事会会议情况统计表" in flat
    assert "2025年共召开执行理事会会议2次" in flat and "委托代列席" in flat


def test_refusals(demo, tmp_path):
    meeting = _meeting(demo, BodyKind.EXECUTIVE_COUNCIL, 9)
    minutes = PaperRequest(PaperKind.MINUTES, meeting_id=meeting)
    cases = [
        dict(request=PaperRequest(PaperKind.MINUTES), path=tmp_path / "x.pdf"),
        dict(request=minutes, fmt=PaperFormat.DOCX, path=tmp_path / "x.pdf"),
        dict(request=minutes, fmt=PaperFormat.XLSX, path=tmp_path / "x"),
        dict(request=PaperRequest(PaperKind.SLATE), path=tmp_path / "x.pdf"),
        dict(request=PaperRequest(PaperKind.ASSOCIATION_ATTENDANCE), path=tmp_path / "x.pdf"),
        dict(request=minutes, path=tmp_path / "no" / "x.pdf"),
        dict(request=minutes, path=tmp_path / "x.pdf", font_preset="comic"),
    ]
    for case in cases:
        with pytest.raises(DomainError) as caught:
            write_paper(demo, user="clerk", fonts_dir=FONTS_DIR, **case)
        assert caught.value.code == "bad_arguments", case
        assert caught.value.params["detail"], case
    with pytest.raises(DomainError) as caught:
        paper_kind("notes")
    assert caught.value.code == "bad_arguments" and "minutes" in caught.value.params["detail"]
    assert paper_kind("signin") is PaperKind.SIGNIN
    with pytest.raises(DomainError) as caught:
        write_paper(
            demo,
            user="clerk",
            request=PaperRequest(PaperKind.MINUTES, meeting_id=987654),
            path=tmp_path / "x.pdf",
            fonts_dir=FONTS_DIR,
        )
    assert caught.value.code == "meeting_not_found"
    assert not (tmp_path / "x.pdf").exists()


def test_titles_and_helpers(demo):
    assert organisation_name(demo) == "门头沟区残疾人联合会"
    composition = PaperRequest(PaperKind.COMPOSITION, body=BodyKind.PRESIDIUM)
    assert paper_title(demo, request=composition) == (
        "门头沟区残疾人联合会第八届主席团委员构成情况统计表"
    )
    assert PaperKind.REFORM_REPORT in PAPERS
    register = PaperRequest(PaperKind.DECISION_REGISTER, year=2026)
    assert paper_title(demo, request=register) == "2026年三重一大事项台账"


def test_format_from_the_option_or_the_extension():
    assert resolve_format(Path("a.PDF"), None) == "pdf"
    assert resolve_format(Path("a.docx"), "docx") == "docx"
    assert resolve_format(Path("a"), "docx") == "docx"
    assert resolve_format(Path("a.xlsx"), None, paper=PaperKind.MOTION_SUMMARY) == "xlsx"
    for path, fmt in ((Path("a.pdf"), "docx"), (Path("a.txt"), None), (Path("a.pdf"), "rtf")):
        with pytest.raises(DomainError):
            resolve_format(path, fmt)


def test_the_window_prints_through_typed_operations_that_change_no_records(demo, tmp_path):
    from models.services.common.context import AppContext
    from views.ops import papers as papers_ops

    ctx = AppContext(demo, "clerk", fonts_dir=FONTS_DIR)
    meeting = _meeting(demo, BodyKind.EXECUTIVE_COUNCIL, 9)
    outcome = papers_ops.write_paper(
        ctx,
        request=PaperRequest(PaperKind.SIGNIN, meeting_id=meeting),
        fmt=PaperFormat.DOCX,
        path=tmp_path / "签到表.docx",
    )
    assert outcome.value == [] and not outcome.changes
    assert (tmp_path / "签到表.docx").stat().st_size > 0
    seen: list[tuple[int, int, str]] = []
    letters = papers_ops.write_reply_letters(
        ctx,
        term=None,
        fmt=PaperFormat.PDF,
        directory=tmp_path / "letters",
        progress=lambda *step: seen.append(step),
    )
    assert not letters.changes
    assert len(letters.value.files) == len(seen) == letters.value.total > 0
    with pytest.raises(RuntimeError):
        papers_ops.write_paper(
            AppContext(demo, "clerk"),
            request=PaperRequest(PaperKind.SIGNIN, meeting_id=meeting),
            fmt=PaperFormat.PDF,
            path=tmp_path / "x.pdf",
        )
