"""提案统计 on the demo: the table's figures match the service, one bar per unit with a figure."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor

from models.domain.motion_statistics import GroupedStatistics, percent
from models.domain.motion_workflow import STATE_NAMES
from views.motions.statistics_view import (
    HEADERS,
    NO_CATEGORY,
    OVERALL,
    StatisticsWindow,
    group_label,
    unit_label,
)
from views.ops import motions as ops

from .helpers import WindowHarness, unnamed_focusable


def _open(harness: WindowHarness) -> tuple[StatisticsWindow, GroupedStatistics]:
    """The window, shown and loaded, and the figures the service gives."""
    ctx = harness.window.ctx
    window = StatisticsWindow(harness.window.runner, ctx, harness.window)
    harness.qtbot.addWidget(window)
    window.show()
    harness.idle()
    assert window.statistics is not None
    return window, ops.term_statistics(ctx)


def test_statistics_window_shows_the_figures(harness: WindowHarness) -> None:
    window, expected = _open(harness)
    assert window.table.rowCount() == 1 + len(expected.by_unit)
    assert window.table.item(0, 0).text() == OVERALL
    numbered = HEADERS.index("立案数")
    reply = HEADERS.index("答复率")
    assert window.table.item(0, numbered).text() == str(expected.overall.numbered)
    assert window.table.item(0, reply).text() == percent(expected.overall.reply_rate)
    assert expected.overall.numbered > 0

    units = [(u, s) for u, s in expected.by_unit.items() if u and s.reply_rate is not None]
    bars = window.reply_chart.bars()
    assert len(bars) == len(units) > 0
    assert [b.label for b in bars] == [unit_label(u) for u, _ in units]
    assert [b.text for b in bars] == [percent(s.reply_rate) for _, s in units]
    rated = [u for u, s in expected.by_unit.items() if u and s.result.rate is not None]
    assert len(window.satisfaction_chart.bars()) == len(rated)
    description = window.reply_chart.accessibleDescription()
    assert bars[0].label in description and bars[0].text in description

    assert unnamed_focusable(window) == []
    image = window.grab().toImage()
    assert not image.isNull()
    first = QColor(image.pixel(0, 0))
    assert any(
        QColor(image.pixel(x, y)) != first
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    ), "the window painted nothing"
    window.close()


def test_statistics_by_category_and_by_state(harness: WindowHarness) -> None:
    window, expected = _open(harness)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "按承办单位(&U)",
        "按类别(&G)",
        "按状态(&S)",
    ]
    total = HEADERS.index("件数")

    category = window.pages["category"]
    assert category.table.horizontalHeaderItem(0).text() == "类别"
    assert category.table.rowCount() == 1 + len(expected.by_category) > 2
    names = [category.table.item(r, 0).text() for r in range(1, category.table.rowCount())]
    assert names == [name or NO_CATEGORY for name in expected.by_category]
    counted = sum(int(category.table.item(r, total).text()) for r in range(1, len(names) + 1))
    assert counted == expected.overall.total == int(category.table.item(0, total).text())
    replied = [n for n, s in expected.by_category.items() if n and s.reply_rate is not None]
    assert [b.label for b in category.charts["reply"].bars()] == replied

    state = window.pages["state"]
    assert state.table.horizontalHeaderItem(0).text() == "状态"
    states = [STATE_NAMES[s] for s in expected.by_state]
    rows = [state.table.item(r, 0).text() for r in range(1, state.table.rowCount())]
    assert rows == states and "已答复" in rows and "审查中" in rows
    bars = state.charts["count"].bars()
    assert [b.label for b in bars] == states
    closed = next(b for b in bars if b.label == "办结")
    n = expected.by_state[next(s for s in expected.by_state if STATE_NAMES[s] == "办结")].total
    assert closed.text == f"{n} 件（{percent(closed.value)}）" and n > 0
    assert group_label("state", "closed") == "办结"

    shots = Path("/tmp/shots")
    shots.mkdir(exist_ok=True)
    for index, name in enumerate(("unit", "category", "state")):
        window.tabs.setCurrentIndex(index)
        harness.idle()
        window.grab().save(str(shots / f"statistics_{name}.png"))
    assert unnamed_focusable(window) == []
    window.close()
