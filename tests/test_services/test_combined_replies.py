"""One combined PDF of the term's 答复函: as many letters as the batch, each with its own pages."""

from __future__ import annotations

import re
from pathlib import Path

from models.documents.paper import Paper, Paragraph
from models.documents.pdf_writer import write_pdf, write_pdfs
from models.services.papers.commands import write_combined_reply_letters, write_reply_letters
from models.services.papers.contracts import PaperFormat
from models.services.papers.queries import reply_letter_targets
from tests.test_documents.conftest import pdf_text

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


def test_each_paper_keeps_its_own_page_numbers(tmp_path):
    long = tuple(Paragraph("议事规则第一条" * 20) for _ in range(6))  # more than one page
    letters = [Paper(title=f"第{i}封", blocks=long, first_page_numbered=False) for i in (1, 2)]
    write_pdf(letters[0], tmp_path / "one.pdf", fonts_dir=FONTS)
    n = len(pdf_text(tmp_path / "one.pdf"))
    assert n >= 2
    path = tmp_path / "two.pdf"
    write_pdfs(letters, path, title="两封", fonts_dir=FONTS)
    pages = pdf_text(path)
    assert len(pages) == 2 * n
    numbers = [re.findall(r"—\s*(\d+)\s*—", page) for page in pages]
    # 信函: the first page of each letter unnumbered, the others from 2 again
    own = [[]] + [[str(k)] for k in range(2, n + 1)]
    assert numbers == own + own
    assert "第1封" in pages[0] and "第2封" in pages[n]


def test_combined_file_has_every_letter_of_the_batch(demo_sqlite_db, tmp_path):
    targets = reply_letter_targets(demo_sqlite_db, term=None)
    assert len(targets) > 1
    seen: list[str] = []
    combined = write_combined_reply_letters(
        demo_sqlite_db,
        user="clerk",
        term=None,
        path=tmp_path / "all.pdf",
        fonts_dir=FONTS,
        progress=lambda done, total, name: seen.append(name),
    )
    batch = write_reply_letters(
        demo_sqlite_db,
        user="clerk",
        term=None,
        fmt=PaperFormat.PDF,
        directory=tmp_path / "one",
        fonts_dir=FONTS,
    )
    assert combined.files == (tmp_path / "all.pdf",) and combined.total == batch.total
    assert seen == [t.number_text for t in targets]
    text = "".join(pdf_text(tmp_path / "all.pdf"))
    # Every letter carries its document number once (门残联函〔2026〕19号).
    assert len(re.findall(r"函〔\d{4}〕\d+号", text)) == len(batch.files) == len(targets)
    single = sum(len(pdf_text(f)) for f in batch.files)
    assert len(pdf_text(tmp_path / "all.pdf")) == single


def test_cancelled_writes_nothing(demo_sqlite_db, tmp_path):
    letters = write_combined_reply_letters(
        demo_sqlite_db,
        user="clerk",
        term=None,
        path=tmp_path / "all.pdf",
        fonts_dir=FONTS,
        cancelled=lambda: True,
    )
    assert letters.cancelled and not (tmp_path / "all.pdf").exists()
