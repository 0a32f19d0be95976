"""Printing a meeting paper: the core writes the PDF on the lane, the preview shows that very file.

Save as Word asks the core for the same paper as DOCX, again on the lane.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from views.background import Runner
from views.error_presenter import show_error


def file_name(text: str) -> str:
    """A title as a file name on every system: no path or reserved characters."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "paper"


@dataclass(frozen=True)
class PaperRequest:
    """One paper of printing.write_paper: its name, the title shown, and its options."""

    paper: str
    title: str
    options: dict[str, Any] = field(default_factory=dict)

    def write(self, backend: Any, fmt: str, path: Path) -> list[str]:
        if not hasattr(backend, "write_paper"):  # an AppContext, from a window already converted
            from models.services.papers import printing

            return printing.write_paper(
                backend.db,
                user=backend.user,
                paper=self.paper,
                fmt=fmt,
                path=path,
                fonts_dir=backend.fonts_dir,
                **self.options,
            )
        return backend.write_paper(paper=self.paper, fmt=fmt, path=path, **self.options)


def open_paper(
    parent: QWidget,
    runner: Runner,
    backend: Any,
    request: PaperRequest,
    on_shown: Callable[[Any], None] | None = None,
) -> None:
    """Write the paper to a temporary PDF on the lane, then open the preview of that file."""
    folder = Path(tempfile.mkdtemp(prefix="yishi-paper-"))
    pdf = folder / f"{file_name(request.title)}.pdf"

    def failed(error: BaseException) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        show_error(parent, error, parent.tr("无法生成%1").replace("%1", request.title))

    runner.submit(
        lambda: request.write(backend, "pdf", pdf),
        on_done=lambda warnings: _show(parent, runner, backend, request, pdf, warnings, on_shown),
        on_error=failed,
    )


def _show(
    parent: QWidget,
    runner: Runner,
    backend: Any,
    request: PaperRequest,
    pdf: Path,
    warnings: list[str] | None,
    on_shown: Callable[[Any], None] | None,
) -> None:
    from views.documents.preview import PaperPreview

    def write_docx(path: Path) -> None:
        runner.submit(
            lambda: request.write(backend, "docx", path),
            on_done=lambda _warnings: preview.pages.setText(
                preview.tr("共 %1 页；已另存为 Word：%2")
                .replace("%1", str(preview.page_count()))
                .replace("%2", str(path))
            ),
            on_error=lambda error: show_error(preview, error, preview.tr("无法另存为 Word")),
        )

    preview = PaperPreview(
        pdf,
        title=request.title,
        suggested_name=file_name(request.title),
        write_docx=write_docx,
        warnings=list(warnings or []),
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
