"""The motion list's 承办单位 and 类别 filters on the demo: each narrows the list to its rows."""

from __future__ import annotations

from views.motions.motion_list import MotionList

from .helpers import WindowHarness
from .test_motions import open_list, term_rows


def shown(window: MotionList) -> list:
    return [window.model.motion(r) for r in range(window.model.rowCount())]


def choices(box) -> list:  # type: ignore[no-untyped-def]
    return [box.itemData(i) for i in range(1, box.count())]


def test_unit_filter_offers_the_lead_units_and_narrows_the_list(harness: WindowHarness) -> None:
    window = open_list(harness)
    total = window.model.rowCount()
    box = window.filters.unit_box
    assert box.itemText(0) == "全部承办单位"
    units = choices(box)
    assert units == sorted({r.lead_unit for r in term_rows(harness) if r.lead_unit})
    assert len(units) >= 2, "the demo assigns motions to several units"
    for unit in units:
        box.setCurrentIndex(box.findData(unit))
        rows = shown(window)
        assert rows and {r.lead_unit for r in rows} == {unit}
        assert len(rows) == sum(r.lead_unit == unit for r in term_rows(harness)) < total
        assert window.filters.count.text() == f"共 {len(rows)} 件（全部 {total} 件）"
    box.setCurrentIndex(0)
    assert window.model.rowCount() == total
    assert window.filters.count.text() == f"共 {total} 件"
    window.close()


def test_category_filter_narrows_and_combines_with_the_others(harness: WindowHarness) -> None:
    window = open_list(harness)
    total = window.model.rowCount()
    box = window.filters.category_box
    assert box.itemText(0) == "全部类别"
    categories = choices(box)
    assert categories == sorted({r.category for r in term_rows(harness) if r.category})
    assert len(categories) >= 2, "the demo has motions of several categories"
    for category in categories:
        box.setCurrentIndex(box.findData(category))
        rows = shown(window)
        assert rows and {r.category for r in rows} == {category}
        assert len(rows) == sum(r.category == category for r in term_rows(harness)) < total

    # With a unit as well: only the motions of both.
    category = categories[0]
    box.setCurrentIndex(box.findData(category))
    unit = next(r.lead_unit for r in term_rows(harness) if r.category == category and r.lead_unit)
    window.filters.unit_box.setCurrentIndex(window.filters.unit_box.findData(unit))
    expected = [r.id for r in term_rows(harness) if r.category == category and r.lead_unit == unit]
    assert [r.id for r in shown(window)] == expected

    # The choices survive a reload.
    window.load()
    harness.idle()
    assert box.currentData() == category and window.filters.unit_box.currentData() == unit
    assert [r.id for r in shown(window)] == expected
    window.close()


def test_search_finds_a_proposer(harness: WindowHarness) -> None:
    window = open_list(harness)
    proposer = term_rows(harness)[-1].proposer
    window.filters.search.setText(proposer)
    rows = shown(window)
    assert rows and all(proposer in r.proposer or proposer in r.title for r in rows)
    assert len(rows) < len(term_rows(harness))
    window.close()
