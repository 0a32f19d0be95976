"""The 组织建设台账's forms: one dialog per draft kind, built from a small field table per register.

Vocabulary words are combo boxes; townships, villages and communities, Warm Homes and the
members who owe a contact point are pickers filled from the registers; optional dates may stay
empty. The core checks the draft: its refusal names the field, which gets the message and a
border, and what the clerk typed stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from models.domain.errors import DomainError
from models.domain.organisation_vocabulary import (
    CommitteePost,
    OfficerRole,
    OrganisationKind,
    PlaceKind,
    TownshipKind,
)
from models.domain.vocabulary import DisabilityCategory, Employment
from models.services.organisation.contracts import (
    REGISTER_NAMES,
    CadreDraft,
    ContactPointDraft,
    FieldVisitDraft,
    OfficerDraft,
    OrganisationDraft,
    PlaceDraft,
    PopulationDraft,
    Register,
    TownshipDraft,
    WarmHomeDraft,
)
from views.background import Runner
from views.error_presenter import describe
from views.form_dialog import FormDialog, date_edit, day_of
from views.ops import organisation as ops
from views.terms.term_forms import parse_day

if TYPE_CHECKING:
    from models.services.common.context import AppContext

NOT_SET = -1  # an optional number's spin box at its minimum: 未填


@dataclass(frozen=True)
class Field:
    """One input of a form: the draft's attribute, its label, what widget asks for it."""

    key: str
    label: str
    kind: str  # text, opt_text, note, opt_note, int, opt_int, bool, enum, opt_enum, date,
    # opt_date, township, place, opt_place, opt_village, opt_community, opt_home, member
    vocabulary: type[StrEnum] | None = None
    tip: str = ""
    none_text: str = "（无）"  # an optional choice's empty entry


F = Field
FIELDS: dict[Register, tuple[Field, ...]] = {
    Register.TOWNSHIPS: (
        F("name", "名称(&M)：", "text"),
        F("kind", "类别(&K)：", "enum", TownshipKind),
        F("sort_order", "顺序(&O)：", "opt_int", tip="列表中的位置；未填则排在最后"),
    ),
    Register.PLACES: (
        F("township_id", "街乡镇(&T)：", "township"),
        F("name", "名称(&M)：", "text"),
        F("kind", "类别(&K)：", "enum", PlaceKind),
        F("low_income", "低收入村(&L)", "bool", tip="联系点的村须为低收入村"),
    ),
    Register.POPULATION: (
        F("place_id", "村/社区(&P)：", "place"),
        F("year", "年度(&Y)：", "int"),
        F(
            "disabled_residents",
            "残疾人口(&D)：",
            "opt_int",
            tip="村：残疾人数（温馨家园覆盖看 50 人）",
        ),
        F("residents", "常住人口(&R)：", "opt_int", tip="社区：常住人口（温馨家园覆盖看 7000 人）"),
    ),
    Register.CADRES: (
        F("name", "姓名(&M)：", "text"),
        F("post", "职务(&P)：", "text"),
        F("leadership", "领导班子成员(&L)", "bool"),
        F("employment", "任职方式(&K)：", "enum", Employment),
        F("disabled", "残疾人(&D)", "bool"),
        F("disability_category", "残疾类别(&C)：", "opt_enum", DisabilityCategory),
        F("home_unit", "派出/本职单位(&U)：", "opt_text", tip="挂职、兼职干部的派出单位或本职单位"),
        F("started_on", "起始日期(&S)：", "opt_date"),
        F("ended_on", "结束日期(&E)：", "opt_date"),
        F("note", "备注(&B)：", "opt_note"),
    ),
    Register.HOMES: (
        F("name", "名称(&M)：", "text"),
        F("township_id", "街乡镇(&T)：", "township"),
        F("place_id", "所在村/社区(&P)：", "opt_place", none_text="（街乡镇级）"),
        F("model", "示范温馨家园(&D)", "bool"),
        F("opened_on", "建成日期(&O)：", "opt_date"),
    ),
    Register.CONTACTS: (
        F("person_id", "成员(&M)：", "member", tip="党组成员和执行理事会成员（本届）"),
        F("village_id", "联系村(&V)：", "opt_village"),
        F("community_id", "联系社区(&C)：", "opt_community"),
        F("warm_home_id", "联系温馨家园(&H)：", "opt_home"),
        F("started_on", "起始日期(&S)：", "opt_date"),
    ),
    Register.VISITS: (
        F("person_id", "成员(&M)：", "member"),
        F("visited_on", "日期(&D)：", "date", tip="同一天多次走访只计一天"),
        F("place_id", "村/社区(&P)：", "opt_place"),
        F("location", "地点(&L)：", "text", tip="不在村和社区名单中的地点，照实填写"),
        F("content", "内容(&C)：", "note", tip="现场调研、入户问需等"),
    ),
    Register.ORGANISATIONS: (
        F("kind", "类别(&K)：", "enum", OrganisationKind),
        F("name", "名称(&M)：", "text"),
        F("township_id", "街乡镇(&T)：", "township"),
        F("place_id", "村/社区(&P)：", "opt_place", tip="社区残协、村残协所在的社区或村"),
        F("founded_on", "成立日期(&F)：", "opt_date"),
    ),
    Register.OFFICERS: (
        F("role", "职务(&R)：", "enum", OfficerRole),
        F("name", "姓名(&M)：", "text"),
        F("disabled", "残疾人(&D)", "bool"),
        F("relative", "残疾人亲友(&F)", "bool"),
        F("committee_post", "居（村）委会职务(&C)：", "opt_enum", CommitteePost),
        F("selection", "选聘方式(&X)：", "opt_text", tip="专职委员如何产生，如公开选聘"),
        F("started_on", "起始日期(&S)：", "opt_date"),
    ),
}

DRAFTS: dict[Register, type] = {
    Register.TOWNSHIPS: TownshipDraft,
    Register.PLACES: PlaceDraft,
    Register.POPULATION: PopulationDraft,
    Register.CADRES: CadreDraft,
    Register.HOMES: WarmHomeDraft,
    Register.CONTACTS: ContactPointDraft,
    Register.VISITS: FieldVisitDraft,
    Register.ORGANISATIONS: OrganisationDraft,
    Register.OFFICERS: OfficerDraft,
}
# A draft's attribute read from the row under another name.
ROW_NAMES = {"sort_order": "order"}
# Kept from the record being edited, not asked in the form (the person registry's link).
CARRIED = {Register.CADRES: ("person_id",), Register.OFFICERS: ("person_id",)}
# Which register fills a picker, and whether it lists all places or one kind.
PICKER_SOURCES = {
    "township": Register.TOWNSHIPS,
    "place": Register.PLACES,
    "opt_place": Register.PLACES,
    "opt_village": Register.PLACES,
    "opt_community": Register.PLACES,
    "opt_home": Register.HOMES,
}
PLACE_KIND = {"opt_village": PlaceKind.VILLAGE, "opt_community": PlaceKind.COMMUNITY}


def form_title(register: Register, editing: bool) -> str:
    name = "基层组织成员" if register is Register.OFFICERS else REGISTER_NAMES[register]
    return ("编辑" if editing else "新增") + name


class RecordForm(FormDialog):
    """新增 or 编辑 one record of `register`; `saved` gets the stored row.

    `fixed` holds draft values the window decides (an officer's organisation); `row` is the
    record being edited, or None to add one.
    """

    saved = Signal(object)

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        register: Register,
        row: Any = None,
        *,
        fixed: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, form_title(register, row is not None), parent)
        self.ctx, self.register, self.row = ctx, register, row
        self.fixed = dict(fixed or {})
        self.specs = {f.key: f for f in FIELDS[register]}
        self.choices: dict[str, list[Any]] = {}  # picker kind → the rows it offers
        self.pending = 0  # picker loads still on the lane
        for spec in FIELDS[register]:
            self._add(spec)
        if "township_id" in self.fields and "place_id" in self.fields:
            self.combo("township_id").currentIndexChanged.connect(lambda _i: self._fill_places())
        self.ok_button().setText(self.tr("保存"))
        if row is not None:
            self._fill(row)
        self.gate_save(ctx, "organisation.edit")
        self._load_choices()

    # --- building ----------------------------------------------------------------------------

    def combo(self, key: str) -> QComboBox:
        widget = self.fields[key]
        assert isinstance(widget, QComboBox)
        return widget

    def _add(self, spec: Field) -> None:
        kind = spec.kind
        widget: QWidget
        if kind in ("text", "opt_text", "opt_date"):
            line = QLineEdit()
            if kind == "opt_date":
                line.setPlaceholderText(self.tr("YYYY-MM-DD，可不填"))
            widget = line
        elif kind in ("note", "opt_note"):
            note = QPlainTextEdit()
            note.setTabChangesFocus(True)
            note.setFixedHeight(note.fontMetrics().lineSpacing() * 4 + 12)
            widget = note
        elif kind in ("int", "opt_int"):
            spin = QSpinBox()
            if kind == "int":  # the year
                spin.setRange(2000, 2100)
                spin.setValue(date.today().year)
            else:
                spin.setRange(NOT_SET, 99_999_999)
                spin.setSpecialValueText(self.tr("未填"))
                spin.setValue(NOT_SET)
            widget = spin
        elif kind == "bool":
            box = QCheckBox(spec.label)
            self.form.addRow("", box)
            box.setAccessibleName(spec.label.replace("(&", "(").split("(")[0])
            if spec.tip:
                box.setAccessibleDescription(spec.tip)
                box.setToolTip(spec.tip)
            self.fields[spec.key] = box
            return
        elif kind == "date":
            widget = date_edit(date.today())
        else:
            combo = QComboBox()
            if kind in ("enum", "opt_enum"):
                assert spec.vocabulary is not None
                if kind == "opt_enum":
                    combo.addItem(spec.none_text, None)
                for word in spec.vocabulary:
                    combo.addItem(word.value, word)
            widget = combo
        self.add_field(spec.key, spec.label, widget, spec.tip)
        if spec.tip:
            widget.setToolTip(spec.tip)

    # --- pickers -----------------------------------------------------------------------------

    def _load_choices(self) -> None:
        kinds = {s.kind for s in self.specs.values()}
        sources = {PICKER_SOURCES[k] for k in kinds if k in PICKER_SOURCES}
        ctx = self.ctx
        for register in sources:
            self._load_register(register)
        if "member" in kinds:
            self.pending += 1
            self.runner.submit(
                lambda: ops.contact_members(ctx),
                on_done=lambda rows: self._chosen("members", rows),
                on_error=lambda e: self.show_problem(None, describe(e)),
            )

    def _load_register(self, register: Register) -> None:
        self.pending += 1
        ctx = self.ctx
        self.runner.submit(
            lambda: ops.records(ctx, register=register, include_ended=True),
            on_done=lambda rows: self._chosen(register.value, rows),
            on_error=lambda e: self.show_problem(None, describe(e)),
        )

    def _chosen(self, source: str, rows: list[Any]) -> None:
        self.pending -= 1
        self.choices[source] = rows
        for spec in self.specs.values():
            if spec.kind == "member" and source == "members":
                self._fill_combo(spec, [(r.person_id, f"{r.name}（{r.bodies}）") for r in rows])
            elif (spec.kind == "township" and source == Register.TOWNSHIPS.value) or (
                spec.kind == "opt_home" and source == Register.HOMES.value
            ):
                self._fill_combo(spec, [(r.id, r.name) for r in rows], ended=_ended_ids(rows))
        if source == Register.PLACES.value:
            self._fill_places()
        self.lock_fields()

    def _fill_places(self) -> None:
        places = self.choices.get(Register.PLACES.value)
        if places is None:
            return
        township = self.combo("township_id").currentData() if "township_id" in self.fields else None
        for spec in self.specs.values():
            if spec.kind not in ("place", "opt_place", "opt_village", "opt_community"):
                continue
            wanted = PLACE_KIND.get(spec.kind)
            rows = [
                p
                for p in places
                if (wanted is None or p.kind is wanted)
                and (township is None or p.township_id == township)
            ]
            items = [(p.id, p.name if township is not None else _place_label(p)) for p in rows]
            self._fill_combo(spec, items, ended=_ended_ids(rows))

    def _fill_combo(
        self, spec: Field, items: list[tuple[int, str]], ended: frozenset[int] = frozenset()
    ) -> None:
        """The choices, the current one kept (from the row, or what the clerk picked); ended
        records only when they are the current one."""
        combo = self.combo(spec.key)
        current = combo.currentData() if combo.count() else self._row_value(spec.key)
        combo.blockSignals(True)
        combo.clear()
        if spec.kind.startswith("opt_"):
            combo.addItem(spec.none_text, None)
        for item_id, text in items:
            if item_id in ended and item_id != current:
                continue
            combo.addItem(text + (self.tr("（已结束）") if item_id in ended else ""), item_id)
        index = combo.findData(current) if current is not None else -1
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        if spec.key == "township_id":
            self._fill_places()

    # --- values ------------------------------------------------------------------------------

    def _row_value(self, key: str) -> Any:
        if self.row is None:
            return self.fixed.get(key)
        return getattr(self.row, ROW_NAMES.get(key, key), None)

    def _fill(self, row: Any) -> None:
        self.row = row
        for key, spec in self.specs.items():
            value = self._row_value(key)
            widget = self.fields[key]
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(value.isoformat() if isinstance(value, date) else (value or ""))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")
            elif isinstance(widget, QSpinBox):
                widget.setValue(NOT_SET if value is None else int(value))
            elif isinstance(widget, QDateEdit):
                if value is not None:
                    widget.setDate(value)
            elif isinstance(widget, QComboBox) and spec.kind in ("enum", "opt_enum"):
                widget.setCurrentIndex(max(widget.findData(value), 0))
            elif isinstance(widget, QComboBox):
                index = widget.findData(value)
                if index >= 0:
                    widget.setCurrentIndex(index)

    def values(self) -> dict[str, Any] | None:
        """The draft's values as typed; None after naming a date that is not one."""
        found: dict[str, Any] = {}
        for key, spec in self.specs.items():
            widget = self.fields[key]
            value: Any
            if isinstance(widget, QCheckBox):
                value = widget.isChecked()
            elif isinstance(widget, QLineEdit) and spec.kind == "opt_date":
                value = parse_day(widget.text())
                if isinstance(value, str):
                    label = spec.label.split("(")[0]
                    self.show_problem(
                        key,
                        self.tr("%1“%2”不是有效日期，请写成 YYYY-MM-DD，或不填。")
                        .replace("%1", label)
                        .replace("%2", value),
                    )
                    widget.setFocus()
                    return None
            elif isinstance(widget, QLineEdit):
                value = widget.text().strip()
                if spec.kind == "opt_text":
                    value = value or None
            elif isinstance(widget, QPlainTextEdit):
                value = widget.toPlainText().strip()
                if spec.kind == "opt_note":
                    value = value or None
            elif isinstance(widget, QSpinBox):
                value = (
                    None if widget.value() == NOT_SET and spec.kind == "opt_int" else widget.value()
                )
            elif isinstance(widget, QDateEdit):
                value = day_of(widget)
            else:
                assert isinstance(widget, QComboBox)
                value = widget.currentData()
                if value is None and not spec.kind.startswith("opt_"):
                    self.show_problem(key, self._nothing_to_choose(spec))
                    widget.setFocus()
                    return None
            found[key] = value
        for key in CARRIED.get(self.register, ()):
            found[key] = self._row_value(key)
        return {**found, **self.fixed}

    def _nothing_to_choose(self, spec: Field) -> str:
        label = spec.label.split("(")[0]
        if spec.kind == "member":
            return self.tr("没有可选的成员：联系点属于本届党组成员和执行理事会成员。")
        if spec.kind == "township":
            return self.tr("请先在“街乡镇”页登记街乡镇，再选择%1。").replace("%1", label)
        return self.tr("请先在“村和社区”页登记村或社区，再选择%1。").replace("%1", label)

    def draft(self) -> Any:
        values = self.values()
        return None if values is None else DRAFTS[self.register](**values)

    # --- saving ------------------------------------------------------------------------------

    def submit(self) -> None:
        if self.refused:
            return
        self.clear_problem()
        draft = self.draft()
        if draft is None:
            return
        ctx = self.ctx
        work: Callable[[], Any]
        if self.row is None:
            work = lambda: ops.add_record(ctx, draft=draft)  # noqa: E731
        else:
            record_id, version = self.row.id, self.row.version
            work = lambda: ops.edit_record(  # noqa: E731
                ctx, record_id=record_id, expected_version=version, draft=draft
            )
        self.run_command(work, self._saved, self._on_refusal)

    def _saved(self, row: Any) -> None:
        self.saved.emit(row)
        self.accept()

    def _on_refusal(self, error: DomainError) -> bool:
        if error.code != "stale_record" or self.row is None:
            return False
        if self.offer_reload(error):
            ctx, register, record_id = self.ctx, self.register, self.row.id
            self.runner.submit(
                lambda: ops.record(ctx, register=register, record_id=record_id),
                on_done=self._reloaded,
                on_error=lambda e: self.show_problem(None, describe(e)),
            )
        return True

    def _reloaded(self, row: Any) -> None:
        self._fill(row)
        self.show_problem(None, self.tr("已载入最新内容，请重新修改后保存。"), is_error=False)


def _ended_ids(rows: list[Any]) -> frozenset[int]:
    return frozenset(r.id for r in rows if getattr(r, "ended_on", None) is not None)


def _place_label(place: Any) -> str:
    return f"{place.name}（{place.township}）"
