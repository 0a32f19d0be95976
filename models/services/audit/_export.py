"""The 操作记录 as an .xlsx: one row per entry, before and after side by side.

Written row by row in openpyxl's write-only mode, so exporting the whole log of a busy office
(tens of thousands of entries) takes no more memory than exporting ten. Every cell goes
through models/documents/xlsx_cells.put: a stored `=…` (a name, a note) stays text.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.services.audit.contracts import AuditEntry, side_text

HEADERS = (
    ("编号", 8),
    ("时间（北京时间）", 20),
    ("账户", 14),
    ("姓名", 10),
    ("记录", 12),
    ("操作", 14),
    ("记录编号", 10),
    ("修改前", 50),
    ("修改后", 50),
    ("说明", 30),
)
# Excel refuses a cell longer than this (a replaced rules file's whole text, say).
_CELL_LIMIT = 32_000


def _clipped(text: str) -> str:
    return text if len(text) <= _CELL_LIMIT else text[:_CELL_LIMIT] + "…（已截断）"


def row_values(entry: AuditEntry) -> list[object]:
    return [
        entry.id,
        entry.at.astimezone(FEDERATION_TZ).strftime("%Y-%m-%d %H:%M:%S"),
        entry.login,
        entry.display_name or "",
        entry.entity_label,
        entry.action_label,
        entry.entity_id,
        _clipped(side_text(entry, "before")),
        _clipped(side_text(entry, "after")),
        _clipped(entry.note or ""),
    ]


def write_entries(entries: Iterable[AuditEntry], path: Path) -> int:
    """Write the entries to `path`; returns how many. The file is opened first, so a folder
    that is missing or not writable is refused before anything is read; a file left half
    written by a failure on the way is removed."""
    with path.open("wb") as out:
        try:
            return _write(entries, out)
        except BaseException:
            out.close()
            path.unlink(missing_ok=True)
            raise


def _write(entries: Iterable[AuditEntry], out: BinaryIO) -> int:
    # openpyxl loads only for an export.
    from openpyxl import Workbook
    from openpyxl.cell.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from models.documents.xlsx_cells import put

    book = Workbook(write_only=True)
    sheet = book.create_sheet("操作记录")
    for column, (_title, width) in enumerate(HEADERS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    bold, wrapped = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    header = [put(WriteOnlyCell(sheet), title) for title, _width in HEADERS]
    for cell in header:
        cell.font = bold
    sheet.append(header)
    count = 0
    for entry in entries:
        cells = [put(WriteOnlyCell(sheet), value) for value in row_values(entry)]
        for cell in cells[7:]:
            cell.alignment = wrapped
        sheet.append(cells)
        count += 1
    book.save(out)
    return count
