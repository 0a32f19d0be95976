"""The PDF engine's batch shortcuts write the same bytes and the same pages as reportlab's way."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfdoc

from models.documents import fonts as fonts_module
from models.documents.fonts import FontSet, _Numbers, load_fonts
from models.documents.paper import Paper, Paragraph
from models.documents.pdf_writer import write_pdf
from tests.test_documents.conftest import pdf_text

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


@pytest.mark.parametrize("count", [0, 1, 9, 10, 11, 20, 255, 256])
def test_widths_are_written_as_reportlab_writes_them(count: int) -> None:
    widths = [
        (1000, 500, 0, 278.5, 333.33333, 250.0, 0.001, 12345.678)[i % 8] for i in range(count)
    ]
    doc = pdfdoc.PDFDocument()
    assert _Numbers(widths).format(doc) == pdfdoc.PDFArray(widths).format(doc)


def test_faces_are_read_when_needed_and_answers_stay_the_same() -> None:
    fresh = FontSet(FONTS)
    assert fresh._faces == {}  # nothing read yet
    assert fresh.font_for("议", "fang") == "FandolFang-Regular"
    assert [p.stem for p in fresh._faces] == ["FandolFang-Regular"]
    warm = load_fonts(FONTS)
    for char in "议事规则𬌗𠮷 A、":
        for role in ("fang", "hei", "title"):
            assert fresh.font_for(char, role) == warm.font_for(char, role)
            assert fresh.advance(char, role, 16) == warm.advance(char, role, 16)
        assert fresh.has_glyph(char) == warm.has_glyph(char)
    assert not fresh.has_glyph("\U000f0000")  # a private-use character no face has


def test_a_missing_face_is_refused_at_once(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        FontSet(tmp_path)


def test_one_set_of_faces_writes_a_batch_of_the_same_pages(tmp_path: Path) -> None:
    papers = [
        Paper(title=f"第{i}封", blocks=(Paragraph("议事规则第一条𬌗" * (5 + i)),)) for i in range(3)
    ]
    for i, paper in enumerate(papers):
        write_pdf(paper, tmp_path / f"{i}.pdf", fonts_dir=FONTS)
    again = tmp_path / "again.pdf"
    write_pdf(papers[0], again, fonts_dir=FONTS)
    assert pdf_text(again) == pdf_text(tmp_path / "0.pdf")
    assert "议事规则第一条𬌗" in pdf_text(tmp_path / "2.pdf")[0]


def test_role_faces_can_be_read_ahead() -> None:
    fonts = FontSet(FONTS).read_role_faces()
    assert sorted(p.stem for p in fonts._faces) == sorted(
        Path(f).stem for f in ("FandolFang-Regular.ttf", "FandolHei-Regular.ttf",
                               "FandolKai-Regular.ttf", "FandolSong-Regular.ttf",
                               "FandolSong-Bold.ttf")
    )  # fmt: skip


def _font_files(pdf: bytes) -> list[tuple[int, bytes]]:
    """Each embedded subset (FontFile2) of a PDF as (its /Length1, its bytes inflated)."""
    found = re.finditer(rb"/Length (\d+) /Length1 (\d+)\n>>\nstream\r?\n", pdf)
    return [(int(m[2]), zlib.decompress(pdf[m.end() : m.end() + int(m[1])])) for m in found]


def test_subsets_deflated_by_huffman_alone_inflate_to_the_same_fonts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paper = Paper(
        title="关于加强无障碍环境建设提案的答复",
        blocks=(Paragraph("议事规则第一条𬌗𠮷，" * 40), Paragraph("—2— ABC 123")),
    )
    fast, plain = tmp_path / "fast.pdf", tmp_path / "plain.pdf"
    write_pdf(paper, fast, fonts_dir=FONTS)
    monkeypatch.setattr(fonts_module, "_GLYPH_FLATE", pdfdoc.PDFStreamFilterZCompress())
    write_pdf(paper, plain, fonts_dir=FONTS)
    fast_fonts, plain_fonts = _font_files(fast.read_bytes()), _font_files(plain.read_bytes())
    assert len(fast_fonts) >= 3  # 仿宋, the title's Song and the Noto fallback
    assert fast_fonts == plain_fonts
    assert all(length == len(data) for length, data in fast_fonts)
    assert pdf_text(fast) == pdf_text(plain)


def test_a_batch_drawing_a_rare_name_reads_its_face_before_the_other_workers_fork():
    fonts = FontSet(FONTS)
    assert not fonts.needs_fallback("议事规则 A、", "fang") and fonts.needs_fallback("王𬌗", "fang")
    assert [p.stem for p in fonts._faces] == ["FandolFang-Regular"]  # asking reads no fallback
    fonts.read_faces_for("议事𬌗", "fang")
    assert sorted(p.stem for p in fonts._faces) == ["FandolFang-Regular", "NotoSerifSC-Regular"]
    assert fonts.font_for("𬌗", "fang") == "NotoSerifSC-Regular"


@pytest.mark.parametrize(("role", "size", "pitch"), [("fang", 16, 16.5), ("title", 22, 22)])
def test_the_remembered_cell_widths_are_the_widths_measured(role, size, pitch) -> None:
    fonts = FontSet(FONTS)
    width_of = fonts.cells(role, size, pitch)
    assert fonts.cells(role, size, pitch) is width_of  # one function for the batch
    tracking = pitch - size
    for char in "议事规则，第1条 A𬌗—" * 2:  # twice: the second answers are remembered ones
        assert width_of(char) == (fonts.advance(char, role, size) + tracking) / pitch
