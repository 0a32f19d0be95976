"""The main window's roster order: names by pinyin, row numbers, header clicks, search on top."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from models.domain.identity import check_digit
from models.services.people.commands import add_person
from models.services.people.contracts import PersonDraft

from .helpers import WindowHarness


def new_id(birth: str, sequence: str) -> str:
    first17 = f"110109{birth}{sequence}"
    return first17 + check_digit(first17)


def surname_runs(names: list[str], surname: str) -> int:
    """How many separate runs of `surname` the list has (1 = kept together)."""
    runs, inside = 0, False
    for name in names:
        starts = name.startswith(surname)
        runs += starts and not inside
        inside = starts
    return runs


def test_sorting_by_name_keeps_each_surname_together(harness: WindowHarness) -> None:
    h = harness
    add_person(
        h.ctx.db,
        user="clerk",
        draft=PersonDraft(name="陈刚", gender="男", id_number=new_id("19750505", "315")),
    )
    h.choose("人员库")
    names = [e.name for e in h.entries()]
    assert "陈刚" in names
    assert surname_runs(names, "陈") == 1, [n for n in names if n[0] in "陈程"]
    assert surname_runs(names, "程") == 1, [n for n in names if n[0] in "陈程"]
    first_chen = next(i for i, n in enumerate(names) if n.startswith("陈"))
    first_cheng = next(i for i, n in enumerate(names) if n.startswith("程"))
    assert first_chen < first_cheng  # chen before cheng, syllable by syllable


def test_row_numbers_follow_the_shown_order(harness: WindowHarness) -> None:
    """The numbers in the table's left margin count the rows as shown, whatever the sort."""
    h = harness
    for column, order in ((0, Qt.SortOrder.AscendingOrder), (8, Qt.SortOrder.DescendingOrder)):
        h.roster.table.sortByColumn(column, order)
        numbers = [h.shown.headerData(r, Qt.Orientation.Vertical) for r in range(5)]
        assert numbers == [1, 2, 3, 4, 5]


def test_clicking_a_header_sorts_and_search_keeps_the_order(harness: WindowHarness) -> None:
    h = harness
    h.choose("人员库")
    column = h.headers().index("出生日期")
    header = h.roster.table.horizontalHeader()
    h.qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(
            header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
            header.height() // 2,
        ),
    )
    births = [e.birth_date for e in h.entries()]
    assert births == sorted(births) or births == sorted(births, reverse=True)
    ascending = births == sorted(births)
    h.roster.table.sortByColumn(
        column, Qt.SortOrder.DescendingOrder if ascending else Qt.SortOrder.AscendingOrder
    )
    births = [e.birth_date for e in h.entries()]
    assert births == sorted(births, reverse=ascending)
    # The search filters the sorted roster without reordering it.
    hits = [e.birth_date for e in h.type_search("z")]
    assert 1 < len(hits) < len(births)
    assert hits == sorted(hits, reverse=ascending)
    h.roster.search.clear()
    assert [e.birth_date for e in h.entries()] == births
