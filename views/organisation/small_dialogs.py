"""The 组织建设台账's small dialogs: 结束… (the end date, and a confirmation in the same words)
and 历史 (the record's change-log entries)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.domain.audit_kinds import field_label
from models.domain.errors import DomainError
from models.services.audit.contracts import value_text
from models.services.organisation.contracts import Register
from views.audit.audit_table_model import local_time
from views.background import Runner
from views.error_presenter import describe
from views.form_dialog import FormDialog, date_edit, day_of
from views.ops import organisation as ops
from views.organisation.record_forms import FIELDS
from views.row_table_model import Columns, RowTableModel
from views.row_table_view import row_table_view

if TYPE_CHECKING:
    from models.services.audit.contracts import AuditEntry
    from models.services.common.context import AppContext


class EndForm(FormDialog):
    """结束: the record stays in the register with its end date; its history is kept."""

    ended = Signal(object)

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        register: Register,
        row: Any,
        what: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("结束%1").replace("%1", what), parent)
        self.ctx, self.register, self.row = ctx, register, row
        self.intro = intro = QLabel(
            self.tr("确定结束“%1”吗？结束后记录仍留在台账中（勾选“显示已结束”可见），修改历史保留。")
            .replace("%1", row_label(row))
        )  # fmt: skip
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.day = self.add_field("ended_on", self.tr("结束日期(&D)："), date_edit(date.today()))
        self.ok_button().setText(self.tr("结束"))
        self.gate_save(ctx, "organisation.edit")

    def submit(self) -> None:
        ctx, register, row, ended_on = self.ctx, self.register, self.row, day_of(self.day)
        self.run_command(
            lambda: ops.end_record(
                ctx,
                register=register,
                record_id=row.id,
                expected_version=row.version,
                ended_on=ended_on,
            ),
            self._finished,
            self._on_refusal,
        )

    def _finished(self, row: Any) -> None:
        self.ended.emit(row)
        self.accept()

    def _on_refusal(self, error: DomainError) -> bool:
        if error.code != "stale_record":
            return False
        if self.offer_reload(error):  # the list reloads; the clerk looks again before ending
            self.reject()
        return True


def row_label(row: Any) -> str:
    """What the clerk calls a record: its name, or a member's name for a contact point."""
    for attribute in ("name", "member", "place"):
        value = getattr(row, attribute, None)
        if value:
            return str(value)
    return str(row.id)


# Fields every register's change log may name that its form does not ask.
COMMON_LABELS = {"ended_on": "结束日期", "organisation_id": "所属组织", "person_id": "人员"}


def field_labels(register: Register) -> dict[str, str]:
    """The register's own words for its fields (its form's labels)."""
    labels = dict(COMMON_LABELS)
    labels.update({f.key: f.label.split("(")[0].rstrip("：") for f in FIELDS[register]})
    return labels


def entry_text(entry: AuditEntry, labels: dict[str, str]) -> str:
    """An update as 职务：理事长 → 党组书记, in the register's words; anything else as the
    操作记录 says it."""
    if entry.action != "update" or entry.note:
        return entry.summary().replace("\n", " ")
    before, after = entry.before or {}, entry.after or {}
    return "；".join(
        f"{labels.get(name) or field_label(name)}："
        f"{value_text(before.get(name))} → {value_text(after.get(name))}"
        for name in entry.fields()
    )


class HistoryModel(RowTableModel):
    numbered = False

    def __init__(self, register: Register, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        labels = field_labels(register)
        self.COLUMNS: Columns = (
            ("时间", local_time),
            ("操作人", lambda e: e.who),
            ("操作", lambda e: e.kind_label),
            ("内容", lambda e: entry_text(e, labels)),
        )


class HistoryDialog(QDialog):
    """历史: who changed the record, when, and what, newest first, as the 操作记录 shows it."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        register: Register,
        row: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("历史：%1").replace("%1", row_label(row)))
        self.setAccessibleName(self.windowTitle())
        self.model = HistoryModel(register, self)
        self.table: QTableView = row_table_view(
            self.model,
            name=self.tr("修改记录"),
            description=self.tr("这条记录的新增、修改和结束，最新的在前"),
            open_row=lambda: None,
            open_text=self.tr("查看"),
        )
        self.table.setWordWrap(True)
        self.status = QLabel(self.tr("正在载入…"))
        self.status.setAccessibleName(self.tr("提示"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(820, 360)
        runner.submit(
            lambda: ops.history(ctx, register=register, record_id=row.id),
            on_done=self._loaded,
            on_error=lambda e: self.status.setText(describe(e)),
        )

    def _loaded(self, entries: list[AuditEntry]) -> None:
        rows = sorted(entries, key=lambda e: e.id, reverse=True)
        self.model.set_rows(rows)
        self.status.setText(self.tr("共 %1 条").replace("%1", str(len(rows))))
        self.table.resizeRowsToContents()
