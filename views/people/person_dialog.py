"""Add or edit a person's identity, validated as the clerk types (DOMAIN §2)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from models.domain.errors import DomainError
from models.domain.identity import birth_date_of, gender_of, id_number_problem, normalise_identifier
from models.domain.messages import message
from models.services.people.contracts import PersonDraft, PersonRow
from views.background import Runner
from views.form_dialog import FormDialog
from views.ops import people as people_ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext

_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{4})(\d{2})(\d{2})")


def parse_date(text: str) -> date | None:
    """1980-01-02, 1980/1/2, 1980.01.02, 19800102 or 1980年1月2日; None if unreadable."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        return None
    y, m, d = (int(g) for g in (match.groups()[:3] if match.group(1) else match.groups()[3:]))
    try:
        return date(y, m, d)
    except ValueError:
        return None


class PersonDialog(FormDialog):
    """`person` is a PersonRow to edit, or None to add; `saved` receives the stored row."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        person: PersonRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("编辑人员") if person else self.tr("新增人员"), parent)
        self.ctx = ctx
        self.person = person
        self.saved: PersonRow | None = None
        self.name = self.add_field("name", self.tr("姓名(&N)："), QLineEdit())
        self.gender = QComboBox()
        self.gender.addItems(["男", "女"])
        self.add_field("gender", self.tr("性别(&G)："), self.gender)
        self.id_number = self.add_field(
            "id_number",
            self.tr("身份证号(&I)："),
            QLineEdit(),
            self.tr("18位居民身份证号，最后一位可以是X；全角数字和空格会自动整理"),
        )
        self.ethnicity = self.add_field("ethnicity", self.tr("民族(&E)："), QLineEdit())
        self.birth_date = self.add_field(
            "birth_date",
            self.tr("出生日期(&B)："),
            QLineEdit(),
            self.tr("可留空，留空时取身份证号中的出生日期；格式如 1980-01-02"),
        )
        self.birth_date.setPlaceholderText(self.tr("留空则按身份证号"))
        self.phone = self.add_field("phone", self.tr("联系电话(&P)："), QLineEdit())
        if person is not None:
            self._fill(person)
        else:
            self.ethnicity.setText("汉族")
        for widget in (self.name, self.id_number, self.birth_date, self.phone, self.ethnicity):
            widget.textChanged.connect(self.validate)
        self.gender.currentIndexChanged.connect(self.validate)
        self.validate()
        # A 只读 or 领导 clerk opens a person to read: the fields are read-only, 保存 says why not.
        if not self.gate_save(ctx, "people.edit") and person is not None:
            self.id_number.setPlaceholderText(person.id_number)  # masked; no "leave blank" hint

    def _fill(self, person: PersonRow) -> None:
        self.person = person
        self.name.setText(person.name)
        self.gender.setCurrentText(person.gender.value)
        self.id_number.setText(person.id_number if person.is_id_revealed else "")
        if not person.is_id_revealed:
            self.id_number.setPlaceholderText(
                self.tr("%1（不修改请留空）").replace("%1", person.id_number)
            )
        self.ethnicity.setText(person.ethnicity or "")
        self.birth_date.setText(person.birth_date.isoformat() if person.birth_date else "")
        self.phone.setText(person.phone or "")

    def draft(self) -> PersonDraft:
        return PersonDraft(
            name=self.name.text(),
            gender=self.gender.currentText(),
            id_number=self.id_number.text(),
            ethnicity=self.ethnicity.text(),
            birth_date=parse_date(self.birth_date.text()),
            phone=self.phone.text(),
        )

    def _keeps_stored_id(self) -> bool:
        return self.person is not None and not self.id_number.text().strip()

    def validate(self) -> bool:
        """Live check of what is typed; the first error is named, warnings only remind."""
        if not self.name.text().strip():
            return self._invalid("name", message("name_blank"))
        id_text = normalise_identifier(self.id_number.text())
        if not id_text and not self._keeps_stored_id():
            return self._invalid("id_number", message("missing_required", {"label": "身份证号"}))
        if self.birth_date.text().strip() and parse_date(self.birth_date.text()) is None:
            return self._invalid("birth_date", message("date_invalid", {"label": "出生日期"}))
        if id_text:
            problem = id_number_problem(id_text, today=date.today())
            if problem is not None:
                return self._invalid("id_number", message(problem.code, problem.params))
            if gender_of(id_text).value != self.gender.currentText():
                return self._warn("gender", message("gender_id_mismatch"))
            typed = parse_date(self.birth_date.text())
            if typed is not None and typed != birth_date_of(id_text):
                return self._warn("birth_date", message("birthdate_id_mismatch"))
        self.clear_problem()
        self.ok_button().setEnabled(True)
        return True

    def _invalid(self, field: str, text: str) -> bool:
        self.show_problem(field, text)
        self.ok_button().setEnabled(False)
        return False

    def _warn(self, field: str, text: str) -> bool:
        self.show_problem(field, text, is_error=False)
        self.ok_button().setEnabled(True)
        return True

    def submit(self) -> None:
        if not self.validate():
            return
        draft, ctx = self.draft(), self.ctx
        if self.person is None:
            self.run_command(
                lambda: people_ops.add_person(ctx, draft=draft), self._saved, self._on_refusal
            )
            return
        person_id, version = self.person.id, self.person.version
        self.run_command(
            lambda: people_ops.update_person(
                ctx, person_id=person_id, version=version, draft=draft
            ),
            self._saved,
            self._on_refusal,
        )

    def _saved(self, row: PersonRow) -> None:
        self.saved = row
        self.accept()

    def _on_refusal(self, error: DomainError) -> bool:
        if error.code != "stale_record":
            return False
        if self.offer_reload(error) and self.person is not None:
            person_id, ctx = self.person.id, self.ctx
            self.runner.submit(
                lambda: people_ops.person(ctx, person_id=person_id),
                on_done=self._reloaded,
                on_error=lambda e: self.show_problem(None, str(e)),
            )
        return True

    def _reloaded(self, person: PersonRow) -> None:
        self._fill(person)
        self.validate()
        self.show_problem(None, self.tr("已载入最新内容，请重新修改后保存。"), is_error=False)
