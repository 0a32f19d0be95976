"""Every file of personal data written out of the database is an entry of the 操作记录: which
paper, which file, how many letters — never the names or ID numbers it holds."""

from __future__ import annotations

import json
from pathlib import Path

from models.domain.vocabulary import BodyKind
from models.services.audit.queries import verify_chain
from models.services.papers.commands import (
    write_combined_reply_letters,
    write_paper,
    write_reply_letters,
)
from models.services.papers.contracts import PaperFormat, PaperKind, PaperRequest
from models.store.unit_of_work import Database

from ._support import LogRow, last_log_id, log_since

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


def _written(db: Database, since: int) -> LogRow:
    rows = [r for r in log_since(db, since) if r.entity == "paper"]
    assert len(rows) == 1, rows
    return rows[0]


def test_a_paper_written_is_a_print_entry_naming_the_file(demo_sqlite_db, tmp_path):
    db = demo_sqlite_db
    since = last_log_id(db)
    path = tmp_path / "名单.docx"
    request = PaperRequest(PaperKind.SLATE, body=BodyKind.CONGRESS)
    write_paper(db, user="clerk", request=request, path=path, fonts_dir=FONTS)
    logged = _written(db, since)
    assert (logged.action, logged.entity_id, logged.user_login) == ("print", "slate", "clerk")
    assert logged.after == {
        "file": "名单.docx",
        "paper": "slate",
        "body": "congress",
        "format": "docx",
    }
    assert logged.note is not None and logged.note.startswith("生成《")
    # The entry names the paper, not the people on it.
    assert "110109" not in json.dumps(logged.after, ensure_ascii=False)
    assert verify_chain(db, user="clerk").ok


def test_an_xlsx_summary_is_an_export_entry(demo_sqlite_db, tmp_path):
    db = demo_sqlite_db
    since = last_log_id(db)
    request = PaperRequest(PaperKind.MOTION_SUMMARY)
    write_paper(db, user="clerk", request=request, path=tmp_path / "汇总表.xlsx", fonts_dir=FONTS)
    logged = _written(db, since)
    assert (logged.action, logged.entity_id) == ("export", "motion-summary")
    assert logged.after is not None and logged.after["file"] == "汇总表.xlsx"


def test_reply_letters_are_one_entry_per_batch(demo_sqlite_db, tmp_path):
    db = demo_sqlite_db
    since = last_log_id(db)
    letters = write_reply_letters(
        db,
        user="clerk",
        term=None,
        fmt=PaperFormat.DOCX,
        directory=tmp_path / "答复函",
        fonts_dir=FONTS,
    )
    logged = _written(db, since)
    assert (logged.action, logged.entity_id) == ("print", "reply")
    assert logged.after == {
        "file": "答复函",
        "letters": len(letters.files),
        "term": None,
        "format": "docx",
    }

    since = last_log_id(db)
    combined = write_combined_reply_letters(
        db, user="clerk", term=None, path=tmp_path / "all.pdf", fonts_dir=FONTS
    )
    logged = _written(db, since)
    assert logged.after is not None
    assert (logged.after["file"], logged.after["letters"]) == ("all.pdf", combined.total)


def test_a_cancelled_batch_that_wrote_nothing_logs_nothing(demo_sqlite_db, tmp_path):
    db = demo_sqlite_db
    since = last_log_id(db)
    write_reply_letters(
        db,
        user="clerk",
        term=None,
        fmt=PaperFormat.DOCX,
        directory=tmp_path,
        fonts_dir=FONTS,
        cancelled=lambda: True,
    )
    assert [r for r in log_since(db, since) if r.entity == "paper"] == []
