"""Table model over frozen roster rows; sorting lives in a proxy, searching in the service."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from models.domain.vocabulary import BodyKind, MembershipStatus

if TYPE_CHECKING:  # the contracts load on the lane with the first roster, after the first paint
    from models.services.people.contracts import RosterEntry

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1

_STATUS = {
    MembershipStatus.CANDIDATE: "候选",
    MembershipStatus.RESERVE: "候补",
    MembershipStatus.NOT_ELECTED: "未当选",
    MembershipStatus.ELECTED: "当选",
    MembershipStatus.ENDED: "已离任",
}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    text: Callable[[RosterEntry], str]
    sort_key: Callable[[RosterEntry], str] | None = None


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def status_text(entry: RosterEntry) -> str:
    if entry.status is None:
        return ""
    text = _STATUS[entry.status]
    if entry.status is MembershipStatus.ENDED:
        details = "，".join(p for p in (entry.end_reason, _date(entry.end_date)) if p)
        return f"{text}（{details}）" if details else text
    return text


NAME = Column("name", "姓名", lambda e: e.name, lambda e: e.sort_name)
GENDER = Column("gender", "性别", lambda e: e.gender)
ID_NUMBER = Column("id_number", "身份证号", lambda e: e.id_number)
POSITION = Column("position", "职务", lambda e: e.position)
STATUS = Column("status", "状态", status_text)
UNIT = Column("electoral_unit", "选举单位", lambda e: e.electoral_unit)
DELEGATE_TYPE = Column("delegate_type", "代表类型", lambda e: e.delegate_type)
EMPLOYMENT = Column("employment", "任职方式", lambda e: e.employment)
CATEGORY = Column("category", "残疾类别", lambda e: e.category)
START = Column("start_date", "任职日期", lambda e: _date(e.start_date))
BIRTH = Column("birth_date", "出生日期", lambda e: _date(e.birth_date))
PHONE = Column("phone", "联系电话", lambda e: e.phone or "")
ROLES = Column("roles", "现任职务", lambda e: e.roles)

MEMBER_COLUMNS = (NAME, GENDER, POSITION, STATUS, CATEGORY, START, ID_NUMBER)
# Each body shows the facts that matter for it: 选举单位 for delegates, 任职方式 for cadres.
COLUMNS_OF_BODY = {
    BodyKind.CONGRESS: (
        NAME,
        GENDER,
        POSITION,
        STATUS,
        UNIT,
        DELEGATE_TYPE,
        CATEGORY,
        START,
        ID_NUMBER,
    ),
    BodyKind.EXECUTIVE_COUNCIL: (
        NAME,
        GENDER,
        POSITION,
        EMPLOYMENT,
        STATUS,
        CATEGORY,
        START,
        ID_NUMBER,
    ),
    BodyKind.PARTY_GROUP: (NAME, GENDER, POSITION, EMPLOYMENT, STATUS, START, ID_NUMBER),
}
REGISTRY_COLUMNS = (NAME, GENDER, ID_NUMBER, BIRTH, PHONE, ROLES)


class RosterTableModel(QAbstractTableModel):
    """Rows are shown in the order given; `sort` orders them in Python once per header click.

    No QSortFilterProxyModel: re-sorting 100,000 rows through Python `data()` calls on every
    keystroke costs seconds, while `list.sort` on a precomputed key costs milliseconds.
    """

    sorted = Signal()

    def __init__(self, columns: Sequence[Column] = MEMBER_COLUMNS, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[RosterEntry] = []
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_rows(
        self, rows: Sequence[RosterEntry], columns: Sequence[Column] | None = None
    ) -> None:
        """Show `rows` as they are: callers pass them already in `order_rows` order."""
        self.beginResetModel()
        self._rows = list(rows)
        if columns is not None:
            self._columns = tuple(columns)
            self._sort_column = min(self._sort_column, len(self._columns) - 1)
        self.endResetModel()

    def order_rows(self, rows: list[RosterEntry]) -> None:
        """Sort a list in place by the current sort column and order."""
        column = self._columns[self._sort_column]
        rows.sort(
            key=column.sort_key or column.text,
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self._sort_column, self._sort_order = column, order
        self.beginResetModel()
        self.order_rows(self._rows)
        self.endResetModel()
        self.sorted.emit()

    def entry(self, row: int) -> RosterEntry:
        return self._rows[row]

    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(entry)
        if role == ENTRY_ROLE:
            return entry
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].header
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None
