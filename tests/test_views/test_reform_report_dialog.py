"""The 年度改革方案落实情况报告 dialog: year, format and file, written on the lane with a busy bar,
as the dashboard's button opens it."""

from __future__ import annotations

from pathlib import Path

import docx

from models.services.papers.contracts import PaperFormat
from views.documents.reform_report import ReformReportDialog, print_reform_report

from .helpers import WindowHarness, shot, unnamed_focusable


def _open(h: WindowHarness) -> ReformReportDialog:
    dialog = print_reform_report(h.window, h.window.runner, h.ctx)
    h.qtbot.waitUntil(dialog.isVisible)
    assert unnamed_focusable(dialog) == []
    return dialog


def test_the_report_is_written_as_pdf_then_docx(harness: WindowHarness, tmp_path: Path) -> None:
    dialog = _open(harness)
    dialog.year.setValue(2025)
    assert dialog.path.text().endswith("2025年改革方案落实情况报告.pdf")
    dialog.path.setText(str(tmp_path / "报告.pdf"))
    dialog.generate.click()
    assert dialog.running and not dialog.generate.isEnabled()
    harness.qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert "已生成" in dialog.status.text(), dialog.status.text()
    assert (tmp_path / "报告.pdf").stat().st_size > 0
    shot(dialog, "reform-report-dialog")

    dialog.format.setCurrentIndex(dialog.format.findData(PaperFormat.DOCX))
    assert dialog.path.text().endswith("2025年改革方案落实情况报告.docx")
    with harness.qtbot.waitSignal(dialog.written, timeout=60_000) as written:
        dialog.generate.click()
    out = written.args[0]
    assert out.suffix == ".docx" and out.parent == tmp_path
    assert len(docx.Document(str(out)).paragraphs) > 10
    dialog.close()


def test_an_unwritable_file_is_refused_in_words(harness: WindowHarness, tmp_path: Path) -> None:
    dialog = _open(harness)
    dialog.path.setText(str(tmp_path / "missing-folder" / "x.pdf"))
    dialog.generate.click()
    harness.qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.status.text().startswith("未能生成报告"), dialog.status.text()
    assert "文件夹不存在" in dialog.status.text()
    dialog.close()
