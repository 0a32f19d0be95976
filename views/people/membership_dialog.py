"""Add a person to the shown term, edit a membership's per-term facts, or end a membership."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.vocabulary import BodyKind, EndReason, MembershipStatus, StartReason, TermStatus
from models.services.people.contracts import (
    MembershipDetail,
    MembershipDraft,
    MembershipRow,
    RosterEntry,
    TermRow,
)
from models.services.people.search import search_entries
from views.background import Runner
from views.error_presenter import describe
from views.form_dialog import FormDialog
from views.ops import people as people_ops
from views.people.person_dialog import parse_date
from views.people.term_facts import TermFacts, combo, select_data

if TYPE_CHECKING:
    from models.services.common.context import AppContext

PICKER_LIMIT = 200
CANCEL = QDialogButtonBox.StandardButton.Cancel


class MembershipDialog(FormDialog):
    """`term` is the TermRow shown; `person` a RosterEntry to add, or None to pick one.
    Every per-term fact can be given here (TermFacts), so a person added by hand is counted."""

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
            self.picker.setMaximumHeight(self.fontMetrics().height() * 8)
            self.search.textChanged.connect(self._filter)
            self.picker.currentRowChanged.connect(lambda _row: self._person_chosen())
            runner.submit(
                lambda: people_ops.registry(ctx),
                on_done=self._registry_loaded,
                on_error=lambda e: self.show_problem(None, str(e)),
            )
        else:
            self.add_field(
                "person", self.tr("人员："), QLabel(f"{person.name}  {person.id_number}")
            )
        self.facts = TermFacts(kind)
        add_facts(self, self.facts)
        f = self.facts
        self.position, self.status, self.start_reason = f.position, f.status, f.start_reason
        self.employment, self.delegate_type, self.unit = f.employment, f.delegate_type, f.unit
        self.start_date, self.start_basis = f.start_date, f.start_basis
        if term.status is TermStatus.DRAFT:
            select_data(self.status, MembershipStatus.CANDIDATE.value)
        else:
            select_data(self.start_reason, StartReason.ELECTED.value)
            self.start_date.setText(date.today().isoformat())
        if kind is BodyKind.CONGRESS:
            term_id = term.id
            runner.submit(
                lambda: people_ops.units(ctx, term_id=term_id),
                on_done=self.facts.set_units,
                on_error=lambda e: self.show_problem(None, str(e)),
            )
        if person is not None:
            self.facts.set_person(person.id_number)
        self.facts.changed.connect(self.validate)
        self.validate()
        self.gate_save(ctx, "people.edit")

    def _registry_loaded(self, entries: list[RosterEntry]) -> None:
        self._registry = entries
        self._filter()

    def _filter(self) -> None:
        self.picker.clear()
        for entry in search_entries(self._registry, self.search.text())[:PICKER_LIMIT]:
            item = QListWidgetItem(f"{entry.name}  {entry.gender}  {entry.id_number}")
            item.setData(256, entry)
            self.picker.addItem(item)
        if self.picker.count() == 1:
            self.picker.setCurrentRow(0)
        self._person_chosen()

    def _person_chosen(self) -> None:
        person = self.chosen_person()
        self.facts.set_person(person.id_number if person is not None else "")
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
        return show_facts_problem(self, self.facts)

    def draft(self) -> MembershipDraft:
        return self.facts.draft()

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


def add_facts(dialog: FormDialog, facts: TermFacts) -> None:
    """The facts below the dialog's own fields; a refusal naming one of them marks it."""
    dialog.form.addRow(facts)
    dialog.fields.update(facts.fields)
    # FormDialog fixes a minimum width, which would stop the layout from widening the dialog.
    layout = dialog.layout()
    assert layout is not None
    layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)


def show_facts_problem(dialog: FormDialog, facts: TermFacts) -> bool:
    """Show the facts' first problem; a reminder lets the clerk save, an error does not."""
    found = facts.problem()
    if found is None:
        dialog.clear_problem()
    else:
        field, text, is_error = found
        dialog.show_problem(field, text, is_error=is_error)
    ok = found is None or not found[2]
    dialog.ok_button().setEnabled(ok)
    return ok


class EditMembershipDialog(FormDialog):
    """编辑本届信息: correct every per-term fact of an open membership (`entry` from the roster).
    The membership is loaded first; the body's fields follow from its term."""

    def __init__(
        self, runner: Runner, ctx: AppContext, entry: RosterEntry, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, self.tr("编辑本届信息"), parent)
        self.ctx, self.entry = ctx, entry
        self.detail: MembershipDetail | None = None
        self.facts: TermFacts | None = None
        self.saved: MembershipDetail | None = None
        self.person_label = self.add_field(
            "person", self.tr("人员："), QLabel(f"{entry.name}  {entry.id_number}")
        )
        self.term_label = self.add_field("term", self.tr("届次："), QLabel())
        self.ok_button().setEnabled(False)
        self.message.setText(self.tr("正在载入…"))
        self.gate_save(ctx, "people.edit")
        self._load()

    def _load(self, notice: str = "") -> None:
        """Load the membership; `notice` is shown once it is in the form (unless it has a problem)."""
        membership_id, ctx = self.entry.membership_id, self.ctx
        assert membership_id is not None  # the window offers this only for a membership
        self.runner.submit(
            lambda: people_ops.membership(ctx, membership_id=membership_id),
            on_done=lambda detail: self._loaded(detail, notice),
            on_error=lambda e: self.show_problem(None, describe(e)),
        )

    def _loaded(self, detail: MembershipDetail, notice: str = "") -> None:
        self.detail = detail
        self.term_label.setText(f"{detail.term.name}{detail.body_name}")
        if self.facts is None:
            self.facts = TermFacts(detail.term.body)
            add_facts(self, self.facts)
            # Built after the buttons: put them back after the last field in the Tab order.
            QWidget.setTabOrder(self.facts.volunteer, self.ok_button())
            QWidget.setTabOrder(self.ok_button(), self.buttons.button(CANCEL))
            if detail.term.body is BodyKind.CONGRESS:
                term_id, ctx = detail.term.id, self.ctx
                self.runner.submit(
                    lambda: people_ops.units(ctx, term_id=term_id),
                    on_done=self._units_loaded,
                    on_error=lambda e: self.show_problem(None, describe(e)),
                )
            self.facts.changed.connect(self.validate)
            self.lock_fields()  # the facts are built only now
        self.facts.fill(detail)
        self.facts.position.setFocus()
        if self.validate() and notice and self.facts.problem() is None:
            self.show_problem(None, notice, is_error=False)

    def _units_loaded(self, names: list[str]) -> None:
        if self.facts is not None:
            self.facts.set_units(names)

    def validate(self) -> bool:
        if self.facts is None:
            return False
        return show_facts_problem(self, self.facts)

    def submit(self) -> None:
        if not self.validate() or self.facts is None or self.detail is None:
            return
        draft, ctx = self.facts.draft(), self.ctx
        membership_id, version = self.detail.id, self.detail.version
        self.run_command(
            lambda: people_ops.update_membership(
                ctx, membership_id=membership_id, version=version, draft=draft
            ),
            self._saved,
            self._on_refusal,
        )

    def _saved(self, detail: MembershipDetail) -> None:
        self.saved = detail
        self.accept()

    def _on_refusal(self, error: DomainError) -> bool:
        """Someone changed the membership meanwhile: offer to load it again, or keep typing."""
        if error.code != "stale_record":
            return False
        if self.offer_reload(error):
            self._load(self.tr("已载入最新内容，请重新修改后保存。"))
        return True


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
            "end_reason", self.tr("结束原因(&R)："), combo([(r.value, r.value) for r in EndReason])
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
        self.gate_save(ctx, "people.edit")

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
