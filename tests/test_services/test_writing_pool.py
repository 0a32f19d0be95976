"""The batch pool writes what the calling thread writes, whichever worker draws a rare name."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.documents.paper import Paper, Paragraph
from models.services.papers import _pool
from models.services.papers.contracts import PaperFormat
from tests.test_documents.conftest import pdf_text

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


def _papers() -> list[Paper]:
    # Every third paper names someone in a character Fandol lacks (drawn in the Noto fallback).
    return [
        Paper(
            title=f"关于第{i}号提案的答复",
            blocks=(
                Paragraph(
                    ("王𬌗𠮷委员：" if i % 3 == 1 else "张三委员：") + "经研究，答复如下。" * 8
                ),
            ),
        )
        for i in range(9)
    ]


def _write(tmp: Path, papers: list[Paper]) -> list[tuple[object, str]]:
    tmp.mkdir()
    jobs = [(paper, tmp / f"{i}.pdf") for i, paper in enumerate(papers)]
    with _pool.Writers(PaperFormat.PDF, FONTS, roles=("fang", "title", "song")) as writers:
        outcomes = list(_pool.write_documents(jobs, writers))
    return [
        (outcome, pdf_text(path)[0]) for outcome, (_paper, path) in zip(outcomes, jobs, strict=True)
    ]


def test_rare_chunks_and_plain_chunks_come_out_as_written_in_one_thread(tmp_path, monkeypatch):
    papers = _papers()
    monkeypatch.setattr(_pool, "_pool_size", lambda: 0)
    serial = _write(tmp_path / "one", papers)
    monkeypatch.undo()
    if _pool._pool_size() == 0:
        pytest.skip("no forking pool here (one core, Windows, or other threads running)")
    monkeypatch.setattr(_pool, "POOL_FROM", 2)
    monkeypatch.setattr(_pool, "CHUNK", 1)
    assert _write(tmp_path / "pool", papers) == serial
    assert "王𬌗𠮷委员：" in serial[1][1] and serial[1][0]  # 𠮷: in no shipped face, a warning
