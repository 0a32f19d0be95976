"""The 提案表: a motion's form (PDF text, DOCX content) and the blank form with room to write."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from models.documents.papers.motion_form import (
    BLANK_TEXT_LINES,
    TEXT_HEADINGS,
    MotionFormData,
    blank_motion_form_paper,
    motion_form_paper,
)
from models.documents.pdf_writer import write_pdf
from models.domain.errors import DomainError
from models.entities import Motion
from models.services.papers.commands import write_paper
from models.services.papers.contracts import PaperFormat, PaperKind, PaperRequest
from models.store.unit_of_work import Database
from tests.test_documents.conftest import pdf_text, poppler

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


def _flat(text: str) -> str:
    return "".join(text.split())


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return _flat("".join(p.text for p in document.paragraphs) + "".join(cells))


def _cosigned_motion(db: Database) -> Motion:
    with db.session_factory() as session:
        for motion in session.scalars(select(Motion).order_by(Motion.id)):
            if motion.co_signers and motion.number_text and motion.body_text:
                _ = (motion.proposer.name, [c.person.name for c in motion.co_signers])
                session.expunge_all()
                return motion
    raise AssertionError("the demo has a numbered, co-signed motion with a text")


@pytest.mark.parametrize("fmt", [PaperFormat.PDF, PaperFormat.DOCX])
def test_a_motions_form_names_everything_it_was_submitted_with(demo_sqlite_db, tmp_path, fmt):
    motion = _cosigned_motion(demo_sqlite_db)
    path = tmp_path / f"form.{fmt}"
    request = PaperRequest(PaperKind.MOTION_FORM, motion_id=motion.id)
    write_paper(demo_sqlite_db, user="t", request=request, path=path, fonts_dir=FONTS)
    text = _flat("".join(pdf_text(path))) if fmt is PaperFormat.PDF else _docx_text(path)
    assert "提案表" in text
    for needed in (
        motion.number_text,
        _flat(motion.title),
        motion.proposer.name,
        *(c.person.name for c in motion.co_signers),
        motion.category,
        _flat(motion.body_text)[:20],
        *TEXT_HEADINGS,
    ):
        assert needed and needed in text, needed
    # The one stored text goes under 案由, before 理由.
    assert text.index("案由") < text.index(_flat(motion.body_text)[:20]) < text.index("理由")


def test_the_three_texts_print_under_their_own_headings(tmp_path):
    data = MotionFormData(
        "某区残疾人联合会",
        "第八届主席团",
        title="关于无障碍坡道的提案",
        proposer="王一",
        cause="甲案由文字",
        reasons="乙理由文字",
        proposals="丙建议文字",
    )
    path = tmp_path / "f.pdf"

    write_pdf(motion_form_paper(data), path, fonts_dir=FONTS)
    text = _flat("".join(pdf_text(path)))
    order = [
        text.index(s)
        for s in ("案由", "甲案由文字", "理由", "乙理由文字", "办法和建议", "丙建议文字")
    ]
    assert order == sorted(order)


def test_the_blank_form_leaves_room_to_write(demo_sqlite_db, tmp_path):
    pdf, word = tmp_path / "blank.pdf", tmp_path / "blank.docx"
    request = PaperRequest(PaperKind.MOTION_FORM, blank=True)
    for path in (pdf, word):
        write_paper(demo_sqlite_db, user="t", request=request, path=path, fonts_dir=FONTS)
    pages = pdf_text(pdf)
    assert len(pages) == 1  # one sheet a member fills in at the session
    text = _flat(pages[0])
    for label in ("提案标题", "提案人", "附议人", "类别", *TEXT_HEADINGS, "提案人签名", "届主席团"):
        assert label in text and label in _docx_text(word), label
    table = docx.Document(str(word)).tables[0]
    labels = [row.cells[0].text for row in table.rows]
    for heading, lines in zip(TEXT_HEADINGS, BLANK_TEXT_LINES, strict=True):
        at = labels.index(heading)
        assert labels[at + 1 : at + lines] == [""] * (lines - 1), heading
        assert all(not row.cells[1].text.strip("\u200b") for row in table.rows[at : at + lines])
    # Each empty row keeps the height of a written line: the boxes have room on paper too.
    bbox = poppler("pdftotext", "-bbox-layout", str(pdf), "-")
    assert bbox.count("<block") >= 15


def test_blank_form_rows_are_as_tall_as_written_ones():
    paper = blank_motion_form_paper("某区残疾人联合会", "第八届主席团")
    table = paper.blocks[0]
    assert all(cell for row in table.rows for cell in row[1:])  # never an empty string


def test_an_unknown_motion_is_refused(demo_sqlite_db, tmp_path):
    path = tmp_path / "x.pdf"
    request = PaperRequest(PaperKind.MOTION_FORM, motion_id=987654)
    with pytest.raises(DomainError) as refused:
        write_paper(demo_sqlite_db, user="t", request=request, path=path, fonts_dir=FONTS)
    assert refused.value.code == "motion_not_found"
    assert not path.exists()
