"""The per-term facts of a membership (DOMAIN §2 "Person or term?"), shared by 加入本届 and 编辑本届信息."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from models.domain.errors import Problem
from models.domain.identity import (
    category_of_cert,
    cert_number_problem,
    grade_of_cert,
    normalise_identifier,
)
from models.domain.messages import message
from models.domain.vocabulary import (
    ALLOWED_POSITIONS,
    CERT_CATEGORY_DIGIT,
    BodyKind,
    DelegateType,
    DisabilityCategory,
    Employment,
    MembershipStatus,
    Position,
    StartReason,
    UrbanRural,
)
from models.services.people.contracts import MembershipDetail, MembershipDraft
from views.form_dialog import accessible_label, name_widget
from views.people.person_dialog import parse_date

STATUS_WORDS = {
    MembershipStatus.ELECTED: "当选",
    MembershipStatus.CANDIDATE: "候选",
    MembershipStatus.RESERVE: "候补",
    MembershipStatus.NOT_ELECTED: "未当选",
}
GRADE_WORDS = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}
POLITICAL_STATUSES = ("中共党员", "中共预备党员", "共青团员", "民主党派成员", "无党派人士", "群众")
SINGLE_CATEGORIES = tuple(c for c in DisabilityCategory if c is not DisabilityCategory.MULTIPLE)
# A problem the form shows: the field's key, the text, and whether it blocks saving.
Shown = tuple[str, str, bool]


def combo(items: list[tuple[str, object]]) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    return box


def select_data(box: QComboBox, data: object) -> None:
    index = box.findData(data)
    box.setCurrentIndex(max(index, 0))


class CategoryChecks(QFrame):
    """One check box per category: a 多重 person's components or a relative's categories."""

    def __init__(self, label: str, categories: tuple[DisabilityCategory, ...]) -> None:
        super().__init__()
        layout = QGridLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.boxes: dict[DisabilityCategory, QCheckBox] = {}
        for place, category in enumerate(categories):
            box = QCheckBox(category.value)
            box.setAccessibleName(f"{label}：{category.value}")
            layout.addWidget(box, place // 4, place % 4)
            self.boxes[category] = box

    def checked(self) -> tuple[str, ...]:
        return tuple(c.value for c, box in self.boxes.items() if box.isChecked())

    def set_checked(self, categories: tuple[DisabilityCategory, ...]) -> None:
        for category, box in self.boxes.items():
            box.setChecked(category in categories)

    def first(self) -> QCheckBox:
        return next(iter(self.boxes.values()))


class TermFacts(QWidget):
    """Every per-term fact as fields, checked as the clerk types; `changed` on every edit.

    The body decides the fields: employment for the council and the party group, delegate type
    and electoral unit for the congress. Facts of fields the body does not show are kept from
    the loaded membership. `fields` maps the core's field names to the widgets, so a refusal
    (DomainError.field) marks the right one.
    """

    changed = Signal()

    def __init__(self, kind: BodyKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.fields: dict[str, QWidget] = {}
        self._base = MembershipDraft(position="")
        self._is_loaded = False  # a stored membership is shown (fill), not a new one
        self._stored_cert: str | None = None  # masked, as the detail shows it
        self._id_number = ""  # the person's, masked unless revealed
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Two columns side by side, each wide enough for its longest label and a 20-digit number.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("身" * 60))
        term_box, facts_box = QGroupBox(self.tr("本届任职")), QGroupBox(self.tr("残疾及其他情况"))
        layout.addWidget(term_box, 1)
        layout.addWidget(facts_box, 1)
        self._term_form, self._facts_form = QFormLayout(term_box), QFormLayout(facts_box)
        self._build_term_fields()
        self._build_facts_fields()
        self._connect()
        self._enable_dependent()

    # --- building ---------------------------------------------------------------------------

    def _add(
        self, form: QFormLayout, key: str, label: str, widget: QWidget, description: str = ""
    ) -> QWidget:
        form.addRow(label, widget)
        name_widget(widget, accessible_label(label))
        if description:
            widget.setAccessibleDescription(description)
        self.fields[key] = widget
        return widget

    def _build_term_fields(self) -> None:
        form, kind = self._term_form, self.kind
        positions = [p for p in Position if p in ALLOWED_POSITIONS[kind]]
        self.position = combo([(p.value, p.value) for p in positions])
        self._add(form, "position", self.tr("职务(&P)："), self.position)
        self.status = combo([(word, s.value) for s, word in STATUS_WORDS.items()])
        self._add(form, "status", self.tr("状态(&Z)："), self.status)
        self.employment: QComboBox | None = None
        self.delegate_type: QComboBox | None = None
        self.unit: QComboBox | None = None
        if kind in (BodyKind.EXECUTIVE_COUNCIL, BodyKind.PARTY_GROUP):
            self.employment = combo([("", None)] + [(e.value, e.value) for e in Employment])
            self._add(form, "employment", self.tr("任职方式(&M)："), self.employment)
        if kind is BodyKind.CONGRESS:
            self.delegate_type = combo([(d.value, d.value) for d in DelegateType])
            self._add(form, "delegate_type", self.tr("代表类型(&D)："), self.delegate_type)
            self.unit = combo([(self.tr("（无，特邀代表）"), None)])
            self._add(form, "electoral_unit", self.tr("选举单位(&U)："), self.unit)
        self.start_reason = combo([("", None)] + [(r.value, r.value) for r in StartReason])
        self._add(form, "start_reason", self.tr("任职原因(&Y)："), self.start_reason)
        self.start_date = QLineEdit()
        self._add(
            form,
            "start_date",
            self.tr("任职日期(&A)："),
            self.start_date,
            self.tr("可留空；格式如 2026-12-22"),
        )
        self.start_basis = QLineEdit()
        self._add(
            form,
            "start_basis",
            self.tr("依据(&J)："),
            self.start_basis,
            self.tr("如：区残联第八次代表大会选举"),
        )
        self.work_unit = QLineEdit()
        self._add(form, "work_unit_and_post", self.tr("工作单位及职务(&W)："), self.work_unit)
        self.political = QComboBox()
        self.political.setEditable(True)
        self.political.addItems(["", *POLITICAL_STATUSES])
        self._add(
            form,
            "political_status",
            self.tr("政治面貌(&O)："),
            self.political,
            self.tr("从列表中选择，或直接输入"),
        )

    def _build_facts_fields(self) -> None:
        form = self._facts_form
        self.category = combo([("", None)] + [(c.value, c.value) for c in DisabilityCategory])
        self._add(
            form,
            "disability_category",
            self.tr("残疾类别(&C)："),
            self.category,
            self.tr("不是残疾人请留空；填了有效的残疾人证号时可由证号得出"),
        )
        self.grade = combo([("", None)] + [(word, g) for g, word in GRADE_WORDS.items()])
        self._add(form, "disability_grade", self.tr("残疾等级(&G)："), self.grade)
        self.multi = CategoryChecks(self.tr("多重残疾包含"), SINGLE_CATEGORIES)
        self._add_checks(form, "multi_components", self.tr("多重残疾包含(&H)："), self.multi)
        self.cert = QLineEdit()
        self._add(
            form,
            "cert_number",
            self.tr("残疾人证号(&N)："),
            self.cert,
            self.tr("20位：身份证号加残疾类别和等级各一位；全角数字和空格会自动整理"),
        )
        self.is_relative = QCheckBox(self.tr("是残疾人亲友(&F)"))
        self.is_relative.setAccessibleName(self.tr("是残疾人亲友"))
        form.addRow("", self.is_relative)
        self.fields["is_relative"] = self.is_relative
        self.relatives = CategoryChecks(self.tr("亲友残疾类别"), tuple(DisabilityCategory))
        self._add_checks(form, "relative_categories", self.tr("亲友残疾类别(&K)："), self.relatives)
        self.urban_rural = combo([("", None)] + [(u.value, u.value) for u in UrbanRural])
        self._add(
            form,
            "urban_rural",
            self.tr("城乡(&X)："),
            self.urban_rural,
            self.tr("农村指居住在村委会辖区"),
        )
        flags = QWidget()
        grid = QGridLayout(flags)
        grid.setContentsMargins(0, 0, 0, 0)
        self.role_model = QCheckBox(self.tr("自强模范(&L)"))
        self.frontline = QCheckBox(self.tr("基层一线(&E)"))
        self.org_representative = QCheckBox(self.tr("助残社会组织代表(&T)"))
        self.volunteer = QCheckBox(self.tr("助残志愿者(&V)"))
        for place, (key, box) in enumerate(
            [
                ("is_role_model", self.role_model),
                ("is_frontline", self.frontline),
                ("is_org_representative", self.org_representative),
                ("is_volunteer", self.volunteer),
            ]
        ):
            box.setAccessibleName(accessible_label(box.text()))
            grid.addWidget(box, place // 2, place % 2)
            self.fields[key] = box
        form.addRow(self.tr("身份："), flags)

    def _add_checks(self, form: QFormLayout, key: str, label: str, checks: CategoryChecks) -> None:
        # The label's mnemonic reaches the first box: a frame cannot take the focus itself.
        text = QLabel(label)
        text.setBuddy(checks.first())
        form.addRow(text, checks)
        self.fields[key] = checks

    def _connect(self) -> None:
        for box in self.findChildren(QComboBox):
            box.currentIndexChanged.connect(self._edited)
        for edit in (self.start_date, self.start_basis, self.work_unit, self.cert):
            edit.textChanged.connect(self._edited)
        self.political.editTextChanged.connect(self._edited)
        for check in self.findChildren(QCheckBox):
            check.toggled.connect(self._edited)
        self.cert.textEdited.connect(self._take_category_from_cert)

    def _edited(self, *_args: object) -> None:
        self._enable_dependent()
        self.changed.emit()

    def _enable_dependent(self) -> None:
        """多重's components only for 多重; a relative's categories only for a relative."""
        self.multi.setEnabled(self.category.currentData() == DisabilityCategory.MULTIPLE.value)
        self.relatives.setEnabled(self.is_relative.isChecked())

    def _take_category_from_cert(self, text: str) -> None:
        """A valid certificate says its category and grade: fill them in when still blank."""
        cert = normalise_identifier(text)
        if cert_number_problem(cert) is not None:
            return
        if self.category.currentData() is None:
            select_data(self.category, category_of_cert(cert).value)
        if self.grade.currentData() is None:
            select_data(self.grade, grade_of_cert(cert))

    # --- values -----------------------------------------------------------------------------

    def set_person(self, id_number: str) -> None:
        """The person's ID number (masked is enough) for the certificate's live check."""
        self._id_number = id_number
        self.changed.emit()

    def set_units(self, names: list[str]) -> None:
        """The term's electoral units: a new membership starts at the first, a loaded one keeps
        its own (shown even when the term no longer lists it)."""
        if self.unit is None:  # only a congress membership has an electoral unit
            return
        listed = {self.unit.itemData(i) for i in range(self.unit.count())}
        for name in names:
            if name not in listed:
                self.unit.addItem(name, name)
        if not self._is_loaded and names:
            select_data(self.unit, names[0])

    def _show_unit(self, name: str | None) -> None:
        if self.unit is None:
            return
        if name is not None and self.unit.findData(name) < 0:
            self.unit.addItem(name, name)
        select_data(self.unit, name)

    def fill(self, detail: MembershipDetail) -> None:
        """Show a stored membership; the facts this body's form hides are kept as they are."""
        self._is_loaded = True
        self._base = detail.as_draft()
        self._stored_cert = detail.cert_number
        self._id_number = detail.id_number
        select_data(self.position, detail.position.value)
        select_data(self.status, detail.status.value)
        if self.employment is not None:
            select_data(self.employment, detail.employment.value if detail.employment else None)
        if self.delegate_type is not None:
            select_data(self.delegate_type, (detail.delegate_type or DelegateType.REGULAR).value)
        self._show_unit(detail.electoral_unit)
        select_data(self.start_reason, detail.start_reason.value if detail.start_reason else None)
        self.start_date.setText(detail.start_date.isoformat() if detail.start_date else "")
        self.start_basis.setText(detail.start_basis or "")
        self.work_unit.setText(detail.work_unit_and_post or "")
        self.political.setEditText(detail.political_status or "")
        category = detail.disability_category
        select_data(self.category, category.value if category else None)
        select_data(self.grade, detail.disability_grade)
        self.multi.set_checked(detail.multi_components)
        self.cert.setText(detail.cert_number or "")
        self.is_relative.setChecked(detail.is_relative)
        self.relatives.set_checked(detail.relative_categories)
        select_data(self.urban_rural, detail.urban_rural.value if detail.urban_rural else None)
        self.role_model.setChecked(detail.is_role_model)
        self.frontline.setChecked(detail.is_frontline)
        self.org_representative.setChecked(detail.is_org_representative)
        self.volunteer.setChecked(detail.is_volunteer)
        self._enable_dependent()

    def draft(self) -> MembershipDraft:
        is_multiple = self.category.currentData() == DisabilityCategory.MULTIPLE.value
        shown: dict[str, object] = {
            "position": self.position.currentData(),
            "status": self.status.currentData(),
            "start_reason": self.start_reason.currentData(),
            "start_date": parse_date(self.start_date.text()),
            "start_basis": self.start_basis.text(),
            "work_unit_and_post": self.work_unit.text(),
            "political_status": self.political.currentText(),
            "cert_number": self.cert.text(),
            "disability_category": self.category.currentData(),
            "disability_grade": self.grade.currentData(),
            "multi_components": self.multi.checked() if is_multiple else (),
            "is_relative": self.is_relative.isChecked(),
            "relative_categories": self.relatives.checked() if self.is_relative.isChecked() else (),
            "urban_rural": self.urban_rural.currentData(),
            "is_role_model": self.role_model.isChecked(),
            "is_frontline": self.frontline.isChecked(),
            "is_org_representative": self.org_representative.isChecked(),
            "is_volunteer": self.volunteer.isChecked(),
        }
        if self.employment is not None:
            shown["employment"] = self.employment.currentData()
        if self.delegate_type is not None:
            shown["delegate_type"] = self.delegate_type.currentData()
        if self.unit is not None:
            shown["electoral_unit"] = self.unit.currentData()
        return replace(self._base, **shown)  # type: ignore[arg-type]

    # --- live checks ------------------------------------------------------------------------

    def problem(self) -> Shown | None:
        """The first error in the fields' order, else the first reminder; None when all is well."""
        if self.start_date.text().strip() and parse_date(self.start_date.text()) is None:
            return "start_date", message("date_invalid", {"label": "任职日期"}), True
        cert = self._cert_problem()
        if cert is not None:
            return "cert_number", cert, True
        category = self.category.currentData()
        if category == DisabilityCategory.MULTIPLE.value and not self.multi.checked():
            return "multi_components", message("multi_components_missing"), False
        if self.is_relative.isChecked() and not self.relatives.checked():
            return "relative_categories", message("relative_category_missing"), False
        if self.role_model.isChecked() and category is None and not self.cert.text().strip():
            return "is_role_model", message("model_not_disabled"), False
        return None

    def _cert_problem(self) -> str | None:
        """The domain's certificate checks, in DOMAIN §2's order, on what the form can know: the
        stored certificate and the person's ID are masked, so only their visible characters are
        compared here; the core compares the whole numbers on saving."""
        text = self.cert.text().strip()
        if not text:
            return None
        category_data, grade = self.category.currentData(), self.grade.currentData()
        category = DisabilityCategory(category_data) if category_data else None
        if text == self._stored_cert:  # kept as stored: its category and grade digits show
            found = _digits_problem(text, category, grade)
            return None if found is None else message(found.code, found.params)
        cert = normalise_identifier(text)
        found = cert_number_problem(cert)
        if found is None and any(
            shown not in ("*", typed)
            for shown, typed in zip(self._id_number, cert[:18], strict=False)
        ):
            found = Problem("cert_id_mismatch")
        if found is None:
            found = cert_number_problem(cert, category=category, grade=grade)
        return None if found is None else message(found.code, found.params)


def _digits_problem(
    cert: str, category: DisabilityCategory | None, grade: int | None
) -> Problem | None:
    """The category and grade digits of a masked certificate against the chosen ones."""
    if category is not None and CERT_CATEGORY_DIGIT.get(cert[18]) is not category:
        shown = CERT_CATEGORY_DIGIT.get(cert[18])
        return Problem(
            "cert_category_mismatch", params={"cert_category": shown.value if shown else ""}
        )
    if grade is not None and cert[19] != str(grade):
        return Problem("cert_grade_mismatch", params={"cert_grade": cert[19]})
    return None
