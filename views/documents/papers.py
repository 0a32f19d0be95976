"""Printing a paper: the core writes the PDF on the lane, the preview shows that very file.

Save as Word asks the core for the same paper as DOCX, again on the lane.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from models.services.papers.contracts import PaperFormat, PaperRequest
from views.background import Runner
from views.error_presenter import show_error
from views.ops import papers as papers_ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext
    from views.documents.preview import PaperPreview


def file_name(text: str) -> str:
    """A title as a file name on every system: no path or reserved characters."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "paper"


def open_paper(
    parent: QWidget,
    runner: Runner,
    ctx: AppContext,
    request: PaperRequest,
    title: str,
    on_shown: Callable[[PaperPreview], None] | None = None,
) -> None:
    """Write the paper to a temporary PDF on the lane, then open the preview of that file."""
    folder = Path(tempfile.mkdtemp(prefix="yishi-paper-"))
    pdf = folder / f"{file_name(title)}.pdf"

    def failed(error: BaseException) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        show_error(parent, error, parent.tr("无法生成%1").replace("%1", title))

    runner.submit_command(
        lambda: papers_ops.write_paper(ctx, request=request, fmt=PaperFormat.PDF, path=pdf),
        on_done=lambda warnings: _show(
            parent, runner, ctx, request, title, pdf, warnings, on_shown
        ),
        on_error=failed,
    )


def _show(
    parent: QWidget,
    runner: Runner,
    ctx: AppContext,
    request: PaperRequest,
    title: str,
    pdf: Path,
    warnings: list[str],
    on_shown: Callable[[PaperPreview], None] | None,
) -> None:
    from views.documents.preview import PaperPreview

    def write_docx(path: Path) -> None:
        runner.submit_command(
            lambda: papers_ops.write_paper(ctx, request=request, fmt=PaperFormat.DOCX, path=path),
            on_done=lambda _warnings: preview.pages.setText(
                preview.tr("共 %1 页；已另存为 Word：%2")
                .replace("%1", str(preview.page_count()))
                .replace("%2", str(path))
            ),
            on_error=lambda error: show_error(preview, error, preview.tr("无法另存为 Word")),
        )

    preview = PaperPreview(
        pdf,
        title=title,
        suggested_name=file_name(title),
        write_docx=write_docx,
        warnings=warnings,
        parent=parent,
    )

    def finished(_result: int) -> None:
        # Close the file before removing it: Windows refuses to delete an open file.
        preview.document.close()
        shutil.rmtree(pdf.parent, ignore_errors=True)
        preview.deleteLater()

    preview.finished.connect(finished)
    if not preview.is_loaded():
        QMessageBox.warning(
            parent,
            parent.tr("无法预览"),
            parent.tr("生成的 PDF 无法打开预览：%1").replace("%1", str(pdf)),
        )
        finished(0)
        return
    preview.show()
    if on_shown is not None:
        on_shown(preview)
