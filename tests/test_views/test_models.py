"""The roster table model (and whatever model the window's table shows) pass Qt's model tester."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from models.domain.vocabulary import BodyKind
from models.services.people.queries import list_terms, members_of_term, registry
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from views.roster.roster_table_model import (
    MEMBER_COLUMNS,
    REGISTRY_COLUMNS,
    RosterTableModel,
)

from .helpers import WindowHarness


@pytest.fixture
def db(demo_file) -> Iterator[Database]:
    engine = create_database_engine(f"sqlite:///{demo_file}")
    yield Database(engine)
    engine.dispose()


def congress_term(db: Database, term: int) -> int:
    (found,) = [t for t in list_terms(db, kind=BodyKind.CONGRESS) if t.term == term]
    return found.id


def test_member_rows(qtmodeltester, db: Database) -> None:
    entries = members_of_term(db, term_id=congress_term(db, 7))
    assert entries
    model = RosterTableModel(MEMBER_COLUMNS)
    qtmodeltester.check(model)
    model.set_rows(entries)
    qtmodeltester.check(model)
    assert model.rowCount() == len(entries)
    assert model.columnCount() == len(MEMBER_COLUMNS)
    assert model.data(model.index(0, 0)) == entries[0].name
    assert model.data(model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole) == entries[0].name
    assert model.headerData(0, Qt.Orientation.Horizontal) == "姓名"


def test_registry_rows(qtmodeltester, db: Database) -> None:
    entries = registry(db)
    model = RosterTableModel(REGISTRY_COLUMNS)
    model.set_rows(entries)
    qtmodeltester.check(model)
    assert model.rowCount() == len(entries)
    # Switching columns and rows while the tester watches.
    model.set_rows(entries[:10], MEMBER_COLUMNS)
    model.set_rows([], REGISTRY_COLUMNS)
    qtmodeltester.check(model)


def test_sorting_every_column_while_watched(qtmodeltester, db: Database) -> None:
    entries = members_of_term(db, term_id=congress_term(db, 8))
    model = RosterTableModel(MEMBER_COLUMNS)
    model.set_rows(entries)
    qtmodeltester.check(model)
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
    qtmodeltester.check(model)
    assert model.rowCount() == len(entries)


def test_behind_a_sort_filter_proxy(qtmodeltester, db: Database) -> None:
    model = RosterTableModel(REGISTRY_COLUMNS)
    model.set_rows(registry(db))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(proxy)
    proxy.setFilterFixedString("张")
    proxy.setFilterKeyColumn(0)
    qtmodeltester.check(proxy)
    assert 0 < proxy.rowCount() < model.rowCount()


def test_window_table_model_while_browsing(qtmodeltester, harness: WindowHarness) -> None:
    """The model the table shows (the roster proxy, if there is one) and the roster model."""
    h = harness
    shown = h.roster.table.model()
    qtmodeltester.check(shown)
    if shown is not h.roster.model:
        qtmodeltester.check(h.roster.model)
    h.type_search("zs")
    h.roster.search.clear()
    h.roster.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    h.choose("人员库")
    h.type_search("z")
    h.roster.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    h.choose("主席团")
    qtmodeltester.check(shown)
    assert shown.rowCount() == h.roster.model.rowCount() == len(h.entries())
