"""Preview of the very PDF that will be printed, with Print and Save as PDF / DOCX.

Screen, file and paper never drift apart: the preview shows the PDF the core wrote, Print
renders that PDF's pages, and Save copies it (or asks the core for the same paper as DOCX).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QCloseEvent, QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# Printer resolution for rendering PDF pages; 300 dpi keeps 16 pt Chinese crisp.
PRINT_DPI = 300


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Render every page of the PDF onto the printer; returns the number of pages sent."""
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("打印机无法开始打印，请检查打印机是否可用。")
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = painter.viewport()
            size = document.pagePointSize(page)
            scale = min(target.width() / size.width(), target.height() / size.height())
            image = document.render(
                page, QSize(int(size.width() * scale), int(size.height() * scale))
            )
            painter.drawImage(0, 0, image)
    finally:
        painter.end()
    return document.pageCount()


class PaperPreview(QDialog):
    """`pdf` is the written paper; `write_docx(path)` writes the same paper as DOCX."""

    def __init__(
        self,
        pdf: Path,
        *,
        title: str,
        suggested_name: str,
        write_docx: Callable[[Path], None] | None = None,
        warnings: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf, self.suggested_name, self.write_docx = pdf, suggested_name, write_docx
        self.setWindowTitle(self.tr("打印预览 — %1").replace("%1", title))
        self.setAccessibleName(self.windowTitle())
        self.document = QPdfDocument(self)
        self.document.load(str(pdf))
        self.view = QPdfView(self)
        self.view.setAccessibleName(self.tr("预览页面"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages = QLabel(self.tr("共 %1 页").replace("%1", str(self.document.pageCount())))
        self.pages.setAccessibleName(self.tr("页数"))
        self.print_button = QPushButton(self.tr("打印(&P)…"))
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.pdf_button = QPushButton(self.tr("另存为 PDF(&S)…"))
        self.docx_button = QPushButton(self.tr("另存为 Word(&W)…"))
        self.docx_button.setEnabled(write_docx is not None)
        close = QPushButton(self.tr("关闭"))
        self.print_button.clicked.connect(self.print_paper)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.docx_button.clicked.connect(self.save_docx)
        close.clicked.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.pages)
        bar.addStretch(1)
        for button in (self.print_button, self.pdf_button, self.docx_button, close):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        if warnings:
            notice = QLabel(self.tr("提醒：") + "；".join(warnings))
            notice.setWordWrap(True)
            notice.setAccessibleName(self.tr("提醒"))
            layout.addWidget(notice)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.resize(900, 1000)

    def _target(self, caption: str, suffix: str, pattern: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, caption, str(Path.home() / f"{self.suggested_name}{suffix}"), pattern
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_suffix(suffix)

    def save_pdf(self, path: Path | None = None) -> Path | None:
        path = path or self._target(self.tr("另存为 PDF"), ".pdf", self.tr("PDF 文件 (*.pdf)"))
        if path is not None:
            shutil.copyfile(self.pdf, path)
        return path

    def save_docx(self, path: Path | None = None) -> Path | None:
        if self.write_docx is None:
            return None
        path = path or self._target(self.tr("另存为 Word"), ".docx", self.tr("Word 文档 (*.docx)"))
        if path is not None:
            self.write_docx(path)
        return path

    def print_paper(self, printer: QPrinter | None = None) -> int:
        """With no printer given, ask the clerk which one, as every office program does."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setResolution(PRINT_DPI)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
        try:
            return print_pdf(self.document, printer)
        except RuntimeError as error:
            QMessageBox.warning(self, self.tr("无法打印"), str(error))
            return 0

    def closeEvent(self, event: QCloseEvent) -> None:
        self.document.close()
        super().closeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(900, 1000)

    def page_count(self) -> int:
        return self.document.pageCount()

    def is_loaded(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready
