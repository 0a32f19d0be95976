"""The 届次管理 sub-dialogs: a new term, its dates, the election, the handover, the presidium's
candidates from the congress. Each submits one command and stays open on a refusal."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from models.domain.vocabulary import MembershipStatus, StartReason, term_display_name
from models.services.terms.contracts import ElectionOutcome, ElectionResult, HandoverPlan, Nominee
from views.background import Runner
from views.form_dialog import FormDialog, date_edit, day_of
from views.ops import terms as ops

if TYPE_CHECKING:
    from models.domain.vocabulary import Association, BodyKind
    from models.services.common.context import AppContext
    from models.services.people.contracts import TermRow

_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def parse_day(text: str) -> date | str | None:
    """A typed date (2026-12-10, 2026/12/10, 2026年12月10日); None when blank; the text when not
    a date, for the form to refuse."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if match is None:
        return text
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return text


def _date_line(value: date | None) -> QLineEdit:
    edit = QLineEdit(value.isoformat() if value else "")
    edit.setPlaceholderText("YYYY-MM-DD，可不填")
    return edit


class _DatesMixin(FormDialog):
    def _dates(self) -> tuple[date | None, date | None] | None:
        """The two typed dates, or None after naming the one that is not a date."""
        found: list[date | None] = []
        for key, label in (("start_date", self.tr("开始日期")), ("end_date", self.tr("结束日期"))):
            edit = self.fields[key]
            assert isinstance(edit, QLineEdit)
            value = parse_day(edit.text())
            if isinstance(value, str):
                self.show_problem(
                    key,
                    self.tr("%1“%2”不是有效日期，请写成 YYYY-MM-DD。")
                    .replace("%1", label)
                    .replace("%2", value),
                )
                edit.setFocus()
                return None
            found.append(value)
        return found[0], found[1]


class OpenTermForm(_DatesMixin):
    """新建一届: the next 届次 by default, planned dates optional; it opens as 筹备中."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        kind: BodyKind,
        association: Association | None,
        body_name: str,
        next_ordinal: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self_title(body_name, "新建一届"), parent)
        self.ctx, self.kind, self.association = ctx, kind, association
        self.created: TermRow | None = None
        self.ordinal = QSpinBox()
        self.ordinal.setRange(1, 99)
        self.ordinal.setValue(next_ordinal)
        self.add_field("term", self.tr("届次(&O)："), self.ordinal, self.tr("如 8 表示第八届"))
        self.add_field("start_date", self.tr("计划开始(&S)："), _date_line(None))
        self.add_field("end_date", self.tr("计划结束(&E)："), _date_line(None))
        note = QLabel(self.tr("新建的一届为“筹备中”；换届时用“设为现任”。"))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.ok_button().setText(self.tr("新建"))

    def submit(self) -> None:
        dates = self._dates()
        if dates is None:
            return
        ordinal = self.ordinal.value()
        self.run_command(
            lambda: ops.open_term(
                self.ctx,
                kind=self.kind,
                association=self.association,
                term=ordinal,
                start_date=dates[0],
                end_date=dates[1],
            ),
            self._opened,
        )

    def _opened(self, row: TermRow) -> None:
        self.created = row
        self.accept()


class DatesForm(_DatesMixin):
    """更正日期: planned dates of a draft, the real ones of a sitting or past term."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        term: TermRow,
        body_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self_title(body_name, f"更正{term.name}日期"), parent)
        self.ctx, self.term = ctx, term
        self.add_field("start_date", self.tr("开始日期(&S)："), _date_line(term.start_date))
        self.add_field("end_date", self.tr("结束日期(&E)："), _date_line(term.end_date))

    def submit(self) -> None:
        dates = self._dates()
        if dates is None:
            return
        self.run_command(
            lambda: ops.correct_dates(
                self.ctx,
                term_id=self.term.id,
                version=self.term.version,
                start_date=dates[0],
                end_date=dates[1],
            ),
            lambda _row: self.accept(),
        )


def self_title(body_name: str, action: str) -> str:
    return f"{body_name} — {action}"


def _nominee_text(n: Nominee) -> str:
    unit = f"，{n.electoral_unit}" if n.electoral_unit else ""
    return f"{n.name}（{n.id_number}{unit}）"


def _checkable_list(name: str, description: str) -> QListWidget:
    widget = QListWidget()
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)
    widget.setMinimumHeight(160)
    return widget


def _add_item(widget: QListWidget, nominee: Nominee, checked: bool) -> None:
    item = QListWidgetItem(_nominee_text(nominee))
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    item.setData(Qt.ItemDataRole.UserRole, nominee.person_id)
    widget.addItem(item)


def checked_ids(widget: QListWidget, checked: bool = True) -> list[int]:
    wanted = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == wanted
    ]


class ElectionForm(FormDialog):
    """记录选举结果: each candidate 当选 (ticked, the default) or 未当选 (unticked); a ticked
    reserve moves up (递补). Space ticks, the arrows move."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        term: TermRow,
        body_name: str,
        nominees: Sequence[Nominee],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self_title(body_name, f"记录{term.name}选举结果"), parent)
        self.ctx, self.term = ctx, term
        self.recorded = False
        self.day = self.add_field("date", self.tr("选举日期(&D)："), date_edit(today))
        self.candidates = _checkable_list(
            self.tr("候选人"), self.tr("勾选为当选，不勾选为未当选；空格键切换")
        )
        self.reserves = _checkable_list(self.tr("候补人选"), self.tr("勾选为递补；空格键切换"))
        for n in nominees:
            is_reserve = n.status is MembershipStatus.RESERVE or (
                n.status is MembershipStatus.ELECTED and n.start_reason is StartReason.MOVED_UP
            )
            if is_reserve:
                _add_item(self.reserves, n, n.status is MembershipStatus.ELECTED)
            else:
                _add_item(self.candidates, n, n.status is not MembershipStatus.NOT_ELECTED)
        self.add_field(
            "results", self.tr("候选人(&C)（勾选=当选）："), self.candidates
        ).setAccessibleDescription(self.tr("勾选为当选，不勾选为未当选；空格键切换"))
        self.add_field("reserves", self.tr("候补(&R)（勾选=递补）："), self.reserves)
        self.reserves.setEnabled(self.reserves.count() > 0)
        self.tally = QLabel()
        self.tally.setAccessibleName(self.tr("结果合计"))
        self.form.addRow(self.tally)
        for widget in (self.candidates, self.reserves):
            widget.itemChanged.connect(lambda _item: self._count())
        self._count()
        self.ok_button().setText(self.tr("记录结果"))

    def _count(self) -> None:
        elected, moved_up = len(checked_ids(self.candidates)), len(checked_ids(self.reserves))
        self.tally.setText(
            self.tr("当选 %1 人，未当选 %2 人，递补 %3 人")
            .replace("%1", str(elected))
            .replace("%2", str(self.candidates.count() - elected))
            .replace("%3", str(moved_up))
        )

    def results(self) -> list[ElectionResult]:
        found = [
            ElectionResult(ElectionOutcome.ELECTED, person_id=i)
            for i in checked_ids(self.candidates)
        ]
        found += [
            ElectionResult(ElectionOutcome.NOT_ELECTED, person_id=i)
            for i in checked_ids(self.candidates, checked=False)
        ]
        found += [
            ElectionResult(ElectionOutcome.MOVED_UP, person_id=i)
            for i in checked_ids(self.reserves)
        ]
        return found

    def submit(self) -> None:
        results, day = self.results(), day_of(self.day)
        self.run_command(
            lambda: ops.record_election(
                self.ctx, term_id=self.term.id, election_date=day, results=results
            ),
            self._recorded,
        )

    def _recorded(self, _record: object) -> None:
        self.recorded = True
        self.accept()


def handover_text(plan: HandoverPlan, day: date) -> str:
    term = plan.term
    text = f"{term.body_name}{term.name}自 {day.isoformat()} 起为现任。"
    if plan.previous is not None:
        text += (
            f"\n{plan.previous.name}转为往届（结束日期 "
            f"{(plan.previous.end_date or day).isoformat()}），"
            f"其 {plan.ending} 名在任人员以“届满”结束任职，结束日期 {day.isoformat()}。"
        )
    else:
        text += f"\n{term.body_name}目前没有现任届次，没有人员的任职因此结束。"
    return text


class HandoverForm(FormDialog):
    """设为现任: the handover date; the confirmation says what happens to the previous term."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        plan: HandoverPlan,
        body_name: str,
        today: date,
        confirm: Callable[[str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self_title(body_name, f"{plan.term.name}设为现任"), parent)
        self.ctx, self.plan, self.confirm = ctx, plan, confirm
        self.day = self.add_field("date", self.tr("换届日期(&D)："), date_edit(today))
        self.summary = QLabel(handover_text(plan, today))
        self.summary.setWordWrap(True)
        self.form.addRow(self.summary)
        self.day.dateChanged.connect(
            lambda _d: self.summary.setText(handover_text(plan, day_of(self.day)))
        )
        self.ok_button().setText(self.tr("设为现任"))

    def submit(self) -> None:
        day = day_of(self.day)
        if not self.confirm(handover_text(self.plan, day)):
            return
        term = self.plan.term
        self.run_command(
            lambda: ops.make_current(
                self.ctx, term_id=term.id, version=term.version, handover_date=day
            ),
            lambda _handover: self.accept(),
        )


class CandidatesFromCongressForm(FormDialog):
    """从代表中添加候选人: the congress delegates of the same 届次 not yet in the presidium term."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        term: TermRow,
        delegates: Sequence[Nominee],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self_title(term.body_name, "从代表中添加候选人"), parent)
        self.ctx, self.term = ctx, term
        self.delegates = _checkable_list(
            self.tr("代表"), self.tr("勾选要列为主席团候选人的代表；空格键切换")
        )
        for n in delegates:
            _add_item(self.delegates, n, False)
        self.add_field(
            "people",
            self.tr("代表大会%1代表(&D)：").replace("%1", term_display_name(term.term)),
            self.delegates,
        )
        note = QLabel(
            self.tr("所选代表以“委员”候选人加入，其残疾情况、工作单位等本届信息从代表名单中复制。")
        )
        note.setWordWrap(True)
        self.form.addRow(note)
        self.ok_button().setText(self.tr("添加"))

    def submit(self) -> None:
        chosen = checked_ids(self.delegates)
        if not chosen:
            self.show_problem("people", self.tr("请至少勾选一名代表。"))
            self.delegates.setFocus()
            return
        self.run_command(
            lambda: ops.add_presidium_candidates(self.ctx, term_id=self.term.id, person_ids=chosen),
            lambda _count: self.accept(),
        )


def ask(parent: QWidget, title: str, text: str, action: str) -> bool:
    """A confirmation whose safe answer (取消) is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setAccessibleName(title)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(box.addButton(parent.tr("取消"), QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is go
