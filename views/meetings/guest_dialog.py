"""A 列席 guest who is not in the person registry: name, organisation and post, no ID number."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from views.form_dialog import FormDialog


class GuestDialog(FormDialog):
    """Adds a line to the grid only; the grid is saved with the rest of the attendance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(None, self.tr("添加列席人员"), parent)  # type: ignore[arg-type]
        self.name = QLineEdit()
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText(self.tr("如：区财政局"))
        self.post = QLineEdit()
        self.post.setPlaceholderText(self.tr("如：社会保障科科长"))
        self.add_field("name", self.tr("姓名(&N)："), self.name)
        self.add_field("organisation", self.tr("单位(&O)："), self.organisation)
        self.add_field("post", self.tr("职务(&P)："), self.post)
        self.ok_button().setText(self.tr("添加"))
        self._labels = {
            "name": self.tr("姓名"),
            "organisation": self.tr("单位"),
            "post": self.tr("职务"),
        }

    def values(self) -> tuple[str, str, str]:
        return (
            self.name.text().strip(),
            self.organisation.text().strip(),
            self.post.text().strip(),
        )

    def submit(self) -> None:
        for key, value in zip(("name", "organisation", "post"), self.values(), strict=True):
            if not value:
                self.show_problem(key, self.tr("请填写%1。").replace("%1", self._labels[key]))
                self.fields[key].setFocus()
                return
        self.accept()
