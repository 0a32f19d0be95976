"""提案统计 on the demo: the table's figures match the service, one bar per unit with a figure."""

from __future__ import annotations

from PySide6.QtGui import QColor

from models.domain.motion_statistics import percent
from views.motions.statistics_view import HEADERS, OVERALL, StatisticsWindow, unit_label
from views.ops import motions as ops

from .helpers import WindowHarness, unnamed_focusable


def test_statistics_window_shows_the_figures(harness: WindowHarness) -> None:
    ctx = harness.window.ctx
    window = StatisticsWindow(harness.window.runner, ctx, harness.window)
    harness.qtbot.addWidget(window)
    window.show()
    harness.idle()
    assert window.statistics is not None

    expected = ops.term_statistics(ctx)
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
