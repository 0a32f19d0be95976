"""The print preview shows the very PDF written, prints its pages and saves copies of it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from views.documents.preview import PaperPreview

from .helpers import unnamed_focusable


def two_pages(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in (1, 2):
        pdf.drawString(100, 700, f"page {number}")
        pdf.showPage()
    pdf.save()
    return path


def test_preview_shows_prints_and_saves_the_same_pdf(qtbot, tmp_path):
    source = two_pages(tmp_path / "paper.pdf")
    written: list[Path] = []
    preview = PaperPreview(
        source,
        title="测试",
        suggested_name="测试",
        write_docx=written.append,
        warnings=["无字形：䶮（李䶮）"],
    )
    qtbot.addWidget(preview)
    preview.show()
    assert preview.is_loaded() and preview.page_count() == 2
    assert preview.pages.text() == "共 2 页"
    assert unnamed_focusable(preview) == []

    copy = preview.save_pdf(tmp_path / "copy.pdf")
    assert copy.read_bytes() == source.read_bytes()
    preview.save_docx(tmp_path / "copy.docx")
    assert written == [tmp_path / "copy.docx"]

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_paper(printer) == 2
    printed = QPdfDocument()
    printed.load(str(tmp_path / "printed.pdf"))
    assert printed.pageCount() == 2
    printed.close()
    preview.close()
