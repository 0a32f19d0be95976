"""The PDF text layer: every character, BMP or not, extracts from the PDF as itself (issue 14)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from models.documents.fonts import to_unicode_cmap
from models.documents.papers.reply_letter import ReplyLetterData, reply_letter_paper
from models.documents.papers.slate_papers import slate_list_paper
from models.documents.pdf_writer import write_pdf

from .conftest import pdf_text, poppler
from .test_slate_papers import person

# Extension B (𠮷 U+20BB7), Extension A (䶮 U+4DAE) and Extension E (𬌗 U+2C317).
RARE_NAMES = ("王𬌗", "龚䶮", "𠮷")


def test_a_destination_beyond_the_bmp_is_a_surrogate_pair():
    cmap = to_unicode_cmap("AAAAAA+X", [0x20, 0x4DAE, 0x2C317])
    assert "<00> <0020>" in cmap
    assert "<01> <4DAE>" in cmap
    assert "<02> <D870DF17>" in cmap
    assert "2C317" not in cmap


def test_a_slate_list_with_rare_names_extracts_them_exactly(tmp_path: Path, fonts_dir):
    people = [person(i + 1, name, "斋堂镇") for i, name in enumerate(RARE_NAMES)]
    pdf = tmp_path / "slate.pdf"
    paper = slate_list_paper("代表名单", people, on=date(2026, 12, 22))
    warnings = write_pdf(paper, pdf, fonts_dir=fonts_dir)
    # The shipped faces lack 𠮷 (a warning names it); its text layer must still be right.
    assert {w.params["context"] for w in warnings} <= {"𠮷"}
    text = "".join(pdf_text(pdf))
    for name in RARE_NAMES:
        assert name in text
    assert "ⰱ" not in text
    fonts = poppler("pdffonts", str(pdf))
    assert "Helvetica" not in fonts
    assert all(" yes " in line for line in fonts.splitlines()[2:])  # every face embedded


def test_a_reply_letter_to_rare_names_extracts_them_exactly(tmp_path: Path, fonts_dir):
    data = ReplyLetterData(
        motion_title="关于𠮷字路口无障碍改造的提案",
        motion_number="第3号",
        proposers=("王𬌗", "龚䶮"),
        text="您提出的提案收悉，现答复如下：\n王𬌗、龚䶮两位委员关心的𠮷字路口已列入计划。",
        reply_class="B",
        class_text="正在解决或已列入计划",
        unit="区住房城乡建设委",
        signed_on=date(2026, 5, 8),
        document_number="门残联函〔2026〕3号",
    )
    pdf = tmp_path / "reply.pdf"
    warnings = write_pdf(reply_letter_paper(data), pdf, fonts_dir=fonts_dir)
    assert {w.params["characters"] for w in warnings} == {"𠮷"}  # still warned about
    text = "".join(pdf_text(pdf)).replace(" ", "").replace("\n", "")
    for name in RARE_NAMES:
        assert name in text
    assert "王𬌗、龚䶮委员" in text
