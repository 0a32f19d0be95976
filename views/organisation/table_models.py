"""The 组织建设台账's lists: one table model per register over its frozen Row contract, Chinese
headers, 是/否 for ticks, ISO dates as the other lists show them; a header click sorts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from models.services.organisation.contracts import (
    CadreRow,
    ContactPointRow,
    FieldVisitRow,
    OfficerRow,
    OrganisationRow,
    PlaceRow,
    PopulationRow,
    Register,
    TownshipRow,
    WarmHomeRow,
)
from views.row_table_model import RowTableModel

TEXT_LIMIT = 60  # a longer cell (a visit's content, a note) is cut; the tooltip has it whole


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


def yes_no(value: bool) -> str:
    return "是" if value else "否"


def number(value: int | None) -> str:
    return "" if value is None else str(value)


def short(text: str | None) -> str:
    line = (text or "").replace("\n", " ")
    return line if len(line) <= TEXT_LIMIT else line[: TEXT_LIMIT - 1] + "…"


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    key: Callable[[Any], Any] | None = None  # how the column sorts; its text by default


def _number_key(read: Callable[[Any], int | None]) -> Callable[[Any], Any]:
    return lambda r: (read(r) is None, read(r) or 0)


def _place_text(row: FieldVisitRow) -> str:
    return "，".join(p for p in (row.place, row.location) if p)


def _officer_names(row: OrganisationRow, *roles: str) -> str:
    return "、".join(o.name for o in row.officers if o.role.value in roles)


def _officer_note(row: OfficerRow) -> str:
    parts = []
    if row.disabled:
        parts.append("残疾人")
    if row.relative:
        parts.append("残疾人亲友")
    return "、".join(parts)


ENDED = Column("结束日期", lambda r: day(r.ended_on), lambda r: r.ended_on or date.max)

COLUMNS: dict[Register, tuple[Column, ...]] = {
    Register.TOWNSHIPS: (
        Column("顺序", lambda r: str(r.order), lambda r: r.order),
        Column("名称", lambda r: r.name),
        Column("类别", lambda r: r.kind.value),
        ENDED,
    ),
    Register.PLACES: (
        Column("街乡镇", lambda r: r.township),
        Column("名称", lambda r: r.name),
        Column("类别", lambda r: r.kind.value),
        Column("低收入村", lambda r: yes_no(r.low_income) if r.kind.value == "村" else ""),
        ENDED,
    ),
    Register.POPULATION: (
        Column("年度", lambda r: str(r.year), lambda r: r.year),
        Column("街乡镇", lambda r: r.township),
        Column("村/社区", lambda r: r.place),
        Column("类别", lambda r: r.kind.value),
        Column(
            "残疾人口",
            lambda r: number(r.disabled_residents),
            _number_key(lambda r: r.disabled_residents),
        ),
        Column("常住人口", lambda r: number(r.residents), _number_key(lambda r: r.residents)),
    ),
    Register.CADRES: (
        Column("姓名", lambda r: r.name),
        Column("职务", lambda r: r.post),
        Column("领导班子", lambda r: yes_no(r.leadership)),
        Column("任职方式", lambda r: r.employment.value),
        Column("残疾人", lambda r: yes_no(r.disabled)),
        Column("残疾类别", lambda r: r.disability_category.value if r.disability_category else ""),
        Column("派出/本职单位", lambda r: r.home_unit or ""),
        Column("起始日期", lambda r: day(r.started_on), lambda r: r.started_on or date.min),
        ENDED,
        Column("备注", lambda r: short(r.note)),
    ),
    Register.HOMES: (
        Column("名称", lambda r: r.name),
        Column("街乡镇", lambda r: r.township),
        Column("所在村/社区", lambda r: r.place or "街乡镇级"),
        Column("示范", lambda r: yes_no(r.model)),
        Column("建成日期", lambda r: day(r.opened_on), lambda r: r.opened_on or date.min),
        ENDED,
    ),
    Register.CONTACTS: (
        Column("成员", lambda r: r.member),
        Column("联系村", lambda r: r.village or ""),
        Column("联系社区", lambda r: r.community or ""),
        Column("联系温馨家园", lambda r: r.warm_home or ""),
        Column("起始日期", lambda r: day(r.started_on), lambda r: r.started_on or date.min),
        ENDED,
    ),
    Register.VISITS: (
        Column("日期", lambda r: day(r.visited_on), lambda r: r.visited_on),
        Column("成员", lambda r: r.member),
        Column("地点", _place_text),
        Column("内容", lambda r: short(r.content)),
    ),
    Register.ORGANISATIONS: (
        Column("名称", lambda r: r.name),
        Column("类别", lambda r: r.kind.value),
        Column("街乡镇", lambda r: r.township),
        Column("村/社区", lambda r: r.place or ""),
        Column("主席", lambda r: _officer_names(r, "主席")),
        Column("理事长", lambda r: _officer_names(r, "理事长")),
        Column("成立日期", lambda r: day(r.founded_on), lambda r: r.founded_on or date.min),
        ENDED,
    ),
    Register.OFFICERS: (
        Column("职务", lambda r: r.role.value),
        Column("姓名", lambda r: r.name),
        Column("身份", _officer_note),
        Column("居（村）委会职务", lambda r: r.committee_post.value if r.committee_post else ""),
        Column("选聘方式", lambda r: r.selection or ""),
        Column("起始日期", lambda r: day(r.started_on), lambda r: r.started_on or date.min),
        ENDED,
    ),
}

ROW_TYPES: dict[Register, type] = {
    Register.TOWNSHIPS: TownshipRow,
    Register.PLACES: PlaceRow,
    Register.POPULATION: PopulationRow,
    Register.CADRES: CadreRow,
    Register.HOMES: WarmHomeRow,
    Register.CONTACTS: ContactPointRow,
    Register.VISITS: FieldVisitRow,
    Register.ORGANISATIONS: OrganisationRow,
    Register.OFFICERS: OfficerRow,
}


class RegisterTableModel(RowTableModel):
    """One register's rows, in the service's order until a header is clicked."""

    def __init__(self, register: Register, parent: Any = None) -> None:
        super().__init__(parent)
        self.register = register
        self._columns = COLUMNS[register]
        self.COLUMNS = tuple((c.header, c.text) for c in self._columns)
        self._given: list[Any] = []  # as the service ordered them
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self._given = list(rows)
        super().set_rows(self._ordered())

    def rows(self) -> list[Any]:
        return [self.row_at(i) for i in range(self.rowCount())]

    def _ordered(self) -> list[Any]:
        rows = list(self._given)
        if self._sort is not None:
            column = self._columns[self._sort[0]]
            key = column.key or column.text
            rows.sort(key=key, reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        return rows

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order) if 0 <= column < len(self._columns) else None
        self.beginResetModel()
        self._rows = self._ordered()
        self.endResetModel()

    def extra_data(self, index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            row = self.row_at(index.row())
            header = self._columns[index.column()].header
            if header == "内容":
                return row.content or None
            if header == "备注":
                return row.note or None
            return self._columns[index.column()].text(row) or None
        return None
