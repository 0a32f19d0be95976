"""Add a person to the shown term, or end a membership with its date, reason and basis."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.vocabulary import (
    ALLOWED_POSITIONS,
    BodyKind,
    DelegateType,
    Employment,
    EndReason,
    MembershipStatus,
    Position,
    StartReason,
    TermStatus,
)
from models.services.people.contracts import MembershipDraft, MembershipRow, RosterEntry, TermRow
from models.services.people.search import search_entries
from views.background import Runner
from views.form_dialog import FormDialog
from views.ops import people as people_ops
from views.people.person_dialog import parse_date

if TYPE_CHECKING:
    from models.services.common.context import AppContext

_STATUS_WORDS = {
    MembershipStatus.ELECTED: "当选",
    MembershipStatus.CANDIDATE: "候选",
    MembershipStatus.RESERVE: "候补",
    MembershipStatus.NOT_ELECTED: "未当选",
}
PICKER_LIMIT = 200


def _combo(items: list[tuple[str, object]]) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    return box


class MembershipDialog(FormDialog):
    """`term` is the TermRow shown; `person` a RosterEntry to add, or None to pick one."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        kind: BodyKind,
        body_name: str,
        term: TermRow,
        person: RosterEntry | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("加入%1").replace("%1", f"{term.name}{body_name}"), parent)
        self.ctx, self.kind, self.term, self.person = ctx, kind, term, person
        self._registry: list[RosterEntry] = []
        if person is None:
            self.search = self.add_field(
                "person_search",
                self.tr("查找人员(&S)："),
                QLineEdit(),
                self.tr("输入姓名、拼音首字母或身份证号末几位，然后在下方列表中选择"),
            )
            self.picker = self.add_field("person", self.tr("人员(&R)："), QListWidget())
            self.search.textChanged.connect(self._filter)
            self.picker.currentRowChanged.connect(lambda _row: self.validate())
            runner.submit(
                lambda: people_ops.registry(ctx),
                on_done=self._registry_loaded,
                on_error=lambda e: self.show_problem(None, str(e)),
            )
        else:
            self.add_field(
                "person", self.tr("人员："), QLabel(f"{person.name}  {person.id_number}")
            )
        positions = [p for p in Position if p in ALLOWED_POSITIONS[kind]]
        self.position = self.add_field(
            "position", self.tr("职务(&P)："), _combo([(p.value, p.value) for p in positions])
        )
        statuses = [MembershipStatus.ELECTED, MembershipStatus.CANDIDATE, MembershipStatus.RESERVE]
        self.status = self.add_field(
            "status", self.tr("状态(&Z)："), _combo([(_STATUS_WORDS[s], s.value) for s in statuses])
        )
        if term.status is TermStatus.DRAFT:
            self.status.setCurrentIndex(1)
        self.employment = self.delegate_type = self.unit = None
        if kind in (BodyKind.EXECUTIVE_COUNCIL, BodyKind.PARTY_GROUP):
            self.employment = self.add_field(
                "employment",
                self.tr("任职方式(&M)："),
                _combo([("", None)] + [(e.value, e.value) for e in Employment]),
            )
        if kind is BodyKind.CONGRESS:
            self.delegate_type = self.add_field(
                "delegate_type",
                self.tr("代表类型(&D)："),
                _combo([(d.value, d.value) for d in DelegateType]),
            )
            self.unit = self.add_field(
                "electoral_unit",
                self.tr("选举单位(&U)："),
                _combo([(self.tr("（无，特邀代表）"), None)]),
            )
            term_id = term.id
            runner.submit(
                lambda: people_ops.units(ctx, term_id=term_id),
                on_done=self._units_loaded,
                on_error=lambda e: self.show_problem(None, str(e)),
            )
        self.start_reason = self.add_field(
            "start_reason",
            self.tr("任职原因(&Y)："),
            _combo([("", None)] + [(r.value, r.value) for r in StartReason]),
        )
        self.start_date = self.add_field(
            "start_date",
            self.tr("任职日期(&A)："),
            QLineEdit(),
            self.tr("可留空；格式如 2026-12-22"),
        )
        self.start_basis = self.add_field(
            "start_basis",
            self.tr("依据(&J)："),
            QLineEdit(),
            self.tr("如：区残联第八次代表大会选举"),
        )
        if term.status is not TermStatus.DRAFT:
            self.start_reason.setCurrentIndex(1)
            self.start_date.setText(date.today().isoformat())
        self.start_date.textChanged.connect(self.validate)
        self.validate()

    def _registry_loaded(self, entries: list[RosterEntry]) -> None:
        self._registry = entries
        self._filter()

    def _units_loaded(self, units: list[str]) -> None:
        if self.unit is None:  # only a congress membership asks for the electoral unit
            return
        for name in units:
            self.unit.addItem(name, name)
        if units:
            self.unit.setCurrentIndex(1)

    def _filter(self) -> None:
        self.picker.clear()
        for entry in search_entries(self._registry, self.search.text())[:PICKER_LIMIT]:
            item = QListWidgetItem(f"{entry.name}  {entry.gender}  {entry.id_number}")
            item.setData(256, entry)
            self.picker.addItem(item)
        if self.picker.count() == 1:
            self.picker.setCurrentRow(0)
        self.validate()

    def chosen_person(self) -> RosterEntry | None:
        if self.person is not None:
            return self.person
        item = self.picker.currentItem()
        return item.data(256) if item is not None else None

    def validate(self) -> bool:
        if self.chosen_person() is None:
            self.show_problem("person", self.tr("请先查找并选择要加入的人员。"))
            self.ok_button().setEnabled(False)
            return False
        if self.start_date.text().strip() and parse_date(self.start_date.text()) is None:
            self.show_problem("start_date", message("date_invalid", {"label": "任职日期"}))
            self.ok_button().setEnabled(False)
            return False
        self.clear_problem()
        self.ok_button().setEnabled(True)
        return True

    def draft(self) -> MembershipDraft:
        return MembershipDraft(
            position=self.position.currentData(),
            status=self.status.currentData(),
            employment=self.employment.currentData() if self.employment else None,
            delegate_type=self.delegate_type.currentData() if self.delegate_type else None,
            electoral_unit=self.unit.currentData() if self.unit else None,
            start_reason=self.start_reason.currentData(),
            start_date=parse_date(self.start_date.text()),
            start_basis=self.start_basis.text(),
        )

    def submit(self) -> None:
        if not self.validate():
            return
        person = self.chosen_person()
        assert person is not None  # validate() refuses without one
        draft, person_id, term_id, ctx = self.draft(), person.person_id, self.term.id, self.ctx
        self.run_command(
            lambda: people_ops.add_membership(
                ctx, person_id=person_id, term_id=term_id, draft=draft
            ),
            self._saved,
        )

    def _saved(self, _row: MembershipRow) -> None:
        self.accept()


class EndMembershipDialog(FormDialog):
    """The membership stays on record; only its end is written."""

    # Someone else changed the membership meanwhile: the roster should be loaded again.
    found_stale = Signal()

    def __init__(
        self, runner: Runner, ctx: AppContext, entry: RosterEntry, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, self.tr("结束任职"), parent)
        self.ctx, self.entry = ctx, entry
        self.add_field("person", self.tr("人员："), QLabel(f"{entry.name}（{entry.position}）"))
        self.end_date = self.add_field(
            "end_date", self.tr("结束日期(&D)："), QLineEdit(), self.tr("格式如 2026-11-29")
        )
        self.end_date.setText(date.today().isoformat())
        self.reason = self.add_field(
            "end_reason", self.tr("结束原因(&R)："), _combo([(r.value, r.value) for r in EndReason])
        )
        self.basis = self.add_field(
            "end_basis",
            self.tr("依据(&J)："),
            QLineEdit(),
            self.tr("如：本人申请，主席团第五次会议同意"),
        )
        self.end_date.textChanged.connect(self.validate)
        self.ok_button().setText(self.tr("结束任职"))
        self.validate()

    def validate(self) -> bool:
        if parse_date(self.end_date.text()) is None:
            self.show_problem("end_date", message("date_invalid", {"label": "结束日期"}))
            self.ok_button().setEnabled(False)
            return False
        self.clear_problem()
        self.ok_button().setEnabled(True)
        return True

    def submit(self) -> None:
        if not self.validate():
            return
        entry, ctx = self.entry, self.ctx
        end, reason, basis = (
            parse_date(self.end_date.text()),
            self.reason.currentData(),
            self.basis.text(),
        )
        membership_id = entry.membership_id
        if end is None or membership_id is None:
            return
        self.run_command(
            lambda: people_ops.end_membership(
                ctx,
                membership_id=membership_id,
                version=entry.membership_version,
                end_date=end,
                reason=reason,
                basis=basis,
            ),
            self._saved,
            self._on_refusal,
        )

    def _on_refusal(self, error: DomainError) -> bool:
        """Someone changed this membership meanwhile: say who and when, then show the new state."""
        if error.code != "stale_record":
            return False
        QMessageBox.warning(
            self,
            self.tr("记录已被修改"),
            message(error.code, error.params) + self.tr("列表将重新载入。"),
        )
        self.found_stale.emit()
        self.reject()
        return True

    def _saved(self, _row: MembershipRow) -> None:
        self.accept()
