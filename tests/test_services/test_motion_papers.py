"""Motion papers' data and the term's statistics, on the demo, against a count by hand."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from sqlalchemy import select

from models.domain.errors import DomainError
from models.domain.motion_statistics import percent
from models.entities import Motion
from models.services.motions.queries import term_statistics
from models.services.papers import _pool
from models.services.papers._motion_papers import (
    assignment_slip_data,
    motion_summary_data,
    reply_letter_data,
    term_reply_letters,
)
from models.services.papers.commands import write_reply_letters
from models.services.papers.contracts import PaperFormat, PaperKind, PaperRequest
from models.services.papers.queries import build_paper, reply_letter_targets
from models.store.unit_of_work import Database
from tests.test_documents.conftest import pdf_text

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


@pytest.fixture
def demo_db(demo_sqlite_db: Database) -> Database:
    """The session's SQLite demo (tests/conftest.py), every change rolled back after the test."""
    return demo_sqlite_db


def _motions(db: Database) -> list[Motion]:
    with db.session_factory() as session:
        motions = session.scalars(select(Motion)).all()
        for m in motions:  # load what the hand count reads
            _ = (m.replies, m.contacts, m.feedbacks, m.assignments)
            if m.lead_motion is not None:
                _ = m.lead_motion.assignments
        session.expunge_all()
        return list(motions)


def test_statistics_match_a_hand_count(demo_db):
    motions = _motions(demo_db)
    numbered = [m for m in motions if m.number is not None]
    replied = [m for m in numbered if m.state in ("replied", "closed")]
    contacted = [
        m for m in replied if any(c.contact_date <= m.replies[-1].sent_on for c in m.contacts)
    ]
    rated = [m for m in numbered if m.feedbacks]
    happy = [m for m in rated if m.feedbacks[-1].result in ("满意", "基本满意")]
    stats = term_statistics(demo_db).overall
    assert stats.numbered == len(numbered) > 0
    assert stats.replied == len(replied) > 0
    assert stats.reply_rate == Fraction(len(replied), len(numbered))
    assert stats.contacted == len(contacted)
    assert stats.result.rated == len(rated)
    assert stats.result.rate == (Fraction(len(happy), len(rated)) if rated else None)
    assert sum(stats.class_counts.values()) == len(replied)
    assert 0 <= stats.on_time <= stats.replied


def test_statistics_by_unit_add_up(demo_db):
    grouped = term_statistics(demo_db, term=None)
    assert sum(s.numbered for s in grouped.by_unit.values()) == grouped.overall.numbered
    assert sum(s.replied for s in grouped.by_unit.values()) == grouped.overall.replied


def test_reply_letter_data_of_a_replied_motion(demo_db):
    motion_id, number_text = reply_letter_targets(demo_db, term=None)[0]
    data = reply_letter_data(demo_db, motion_id=motion_id)
    assert data.motion_number == number_text
    assert data.reply_class in "ABC" and data.class_text
    assert data.unit and data.proposers[0]
    paper = build_paper(demo_db, request=PaperRequest(PaperKind.REPLY, motion_id=motion_id))
    assert paper.first_page_numbered is False
    assert paper.addressee == f"{data.proposers[0]}委员："
    assert paper.copy_to == "区残联主席团办公室"


def test_reply_letter_refused_without_a_reply_or_motion(demo_db):
    draft = next(m.id for m in _motions(demo_db) if m.state == "draft")
    with pytest.raises(DomainError) as refused:
        reply_letter_data(demo_db, motion_id=draft)
    assert refused.value.code == "bad_arguments"
    with pytest.raises(DomainError) as missing:
        reply_letter_data(demo_db, motion_id=999_999)
    assert missing.value.code == "motion_not_found"
    with pytest.raises(DomainError):
        reply_letter_data(demo_db, motion_id=None)


def test_assignment_slip_names_the_lead_unit(demo_db):
    assigned = next(m for m in _motions(demo_db) if m.state == "assigned")
    data = assignment_slip_data(demo_db, motion_id=assigned.id)
    lead = [u for u in data.units if u.role == "主办"]
    assert len(lead) == 1 and lead[0].due_on > lead[0].assigned_on


def test_summary_lists_every_numbered_motion_with_a_total(demo_db):
    data = motion_summary_data(demo_db, term=None)
    numbered = [m for m in _motions(demo_db) if m.number is not None]
    assert len(data.lines) == len(numbered)
    total = data.figures[-1]
    assert total.unit == "合计" and total.numbered == len(numbered)
    overall = term_statistics(demo_db).overall
    assert total.reply_rate == percent(overall.reply_rate)
    assert any(line.overdue for line in data.lines)


def test_summary_figures_by_category_and_by_state(demo_db):
    data = motion_summary_data(demo_db, term=None)
    motions = _motions(demo_db)
    numbered = [m for m in motions if m.number is not None]
    total = data.figures[-1]
    assert total.total == len(motions) > len(numbered)  # the demo has motions not yet numbered
    assert data.by_category[-1] == data.by_state[-1] == total
    categories = data.by_category[:-1]
    assert len(categories) > 1
    assert sum(f.numbered for f in categories) == len(numbered)
    states = data.by_state[:-1]
    assert sum(f.total for f in states) == len(motions)
    assert sum(f.numbered for f in states) == len(numbered)
    replied = next(f for f in states if f.unit == "已答复")
    assert replied.reply_rate == "100.0%"
    reviewing = [f for f in states if f.numbered == 0]
    assert reviewing and all(f.reply_rate == "—" for f in reviewing)


def test_write_reply_letters_one_file_each(demo_db, tmp_path):
    seen = []
    letters = write_reply_letters(
        demo_db,
        user="clerk",
        term=None,
        fmt=PaperFormat.DOCX,
        directory=tmp_path / "out",
        fonts_dir=FONTS,
        progress=lambda done, total, name: seen.append((done, total, name)),
    )
    expected = reply_letter_targets(demo_db, term=None)
    files = letters.files
    assert len(files) == len(expected) == len(seen) == letters.total > 0
    assert not letters.cancelled and not letters.failures
    assert all(f.exists() for f in files)
    assert {f.stem for f in files} == {f"{n}答复函" for _id, n in expected}
    assert seen[-1] == (len(expected), len(expected), files[-1].name)


def test_write_reply_letters_stops_between_two_letters_when_cancelled(demo_db, tmp_path):
    seen: list[int] = []
    letters = write_reply_letters(
        demo_db,
        user="clerk",
        term=None,
        fmt=PaperFormat.DOCX,
        directory=tmp_path,
        fonts_dir=FONTS,
        progress=lambda done, _total, _name: seen.append(done),
        cancelled=lambda: len(seen) >= 1,
    )
    assert letters.cancelled and seen == [1]
    assert len(letters.files) == 1 == len(list(tmp_path.glob("*.docx")))
    assert letters.total == len(reply_letter_targets(demo_db, term=None)) > 1


def test_a_letter_that_cannot_be_written_is_reported_and_the_others_written(demo_db, tmp_path):
    first, *others = reply_letter_targets(demo_db, term=None)
    (tmp_path / f"{first.number_text}答复函.pdf").mkdir()  # a folder where the file should go
    letters = write_reply_letters(
        demo_db, user="clerk", term=None, fmt=PaperFormat.PDF, directory=tmp_path, fonts_dir=FONTS
    )
    ((numbers, error),) = letters.failures
    assert numbers == first.number_text and error.code == "bad_arguments"
    assert len(letters.files) == len(others) and not letters.cancelled


def test_write_reply_letters_refuses_a_format_or_a_file_for_a_folder(demo_db, tmp_path):
    plain = tmp_path / "file.txt"
    plain.write_text("x")
    for fmt, directory in ((PaperFormat.XLSX, tmp_path), (PaperFormat.PDF, plain)):
        with pytest.raises(DomainError) as refused:
            write_reply_letters(
                demo_db, user="clerk", term=None, fmt=fmt, directory=directory, fonts_dir=FONTS
            )
        assert refused.value.code == "bad_arguments"


def test_term_reply_letters_are_the_letters_read_one_by_one(demo_db):
    letters = term_reply_letters(demo_db, term=None)
    assert [target for target, _data in letters] == reply_letter_targets(demo_db, term=None)
    assert len(letters) > 1
    for target, data in letters:
        assert data == reply_letter_data(demo_db, motion_id=target.motion_id)


def _pooled(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    """Spread even the demo's few letters over forked workers, one letter a task."""
    monkeypatch.setattr(_pool, "POOL_FROM", 2)
    monkeypatch.setattr(_pool, "CHUNK", 1)
    if count < 2 or _pool._pool_size() == 0:
        pytest.skip("no forking pool here (one core, Windows, or other threads running)")


def test_a_batch_spread_over_the_cores_writes_the_same_letters(demo_db, tmp_path, monkeypatch):
    serial = write_reply_letters(
        demo_db, user="clerk", term=None, fmt=PaperFormat.PDF, directory=tmp_path / "one",
        fonts_dir=FONTS,
    )  # fmt: skip
    _pooled(monkeypatch, serial.total)
    seen: list[int] = []
    pooled = write_reply_letters(
        demo_db, user="clerk", term=None, fmt=PaperFormat.PDF, directory=tmp_path / "pool",
        fonts_dir=FONTS, progress=lambda done, _total, _name: seen.append(done),
    )  # fmt: skip
    assert seen == list(range(1, serial.total + 1))
    assert [f.name for f in pooled.files] == [f.name for f in serial.files]
    assert pooled.warnings == serial.warnings and not pooled.failures
    for one, other in zip(serial.files, pooled.files, strict=True):
        assert pdf_text(one) == pdf_text(other)


def test_a_pooled_batch_stops_between_two_letters_when_cancelled(demo_db, tmp_path, monkeypatch):
    _pooled(monkeypatch, len(reply_letter_targets(demo_db, term=None)))
    seen: list[int] = []
    letters = write_reply_letters(
        demo_db, user="clerk", term=None, fmt=PaperFormat.PDF, directory=tmp_path,
        fonts_dir=FONTS, progress=lambda done, _total, _name: seen.append(done),
        cancelled=lambda: len(seen) >= 2,
    )  # fmt: skip
    assert letters.cancelled and seen == [1, 2]
    assert sorted(letters.files) == sorted(tmp_path.glob("*.pdf")) and len(letters.files) == 2


def test_a_bug_in_a_writing_process_is_raised_not_hidden(demo_db, tmp_path, monkeypatch):
    _pooled(monkeypatch, len(reply_letter_targets(demo_db, term=None)))

    def broken(paper, fmt, path, fonts_dir):
        raise RuntimeError("broken writer")

    monkeypatch.setattr(_pool, "_write_one", broken)  # the workers are forked with it
    with pytest.raises(RuntimeError, match="broken writer"):
        write_reply_letters(
            demo_db, user="clerk", term=None, fmt=PaperFormat.PDF, directory=tmp_path,
            fonts_dir=FONTS,
        )  # fmt: skip
