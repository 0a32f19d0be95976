"""A small horizontal bar chart drawn with QPainter: one bar per label, its figure written at the end.

Why QPainter rather than QtCharts: QtCharts ships only in the PySide6-Addons wheel (about 60 MB
more to install and bundle), and a handful of bars does not justify that; the printed summary
uses tables anyway. Each bar carries its value in words ("66.7%"), never colour alone, and the
accessible description lists every label with its figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True)
class Bar:
    label: str
    value: Fraction | None  # 0 … 1; None: no figure (drawn as an empty bar, text "—")
    text: str  # the figure in words, written at the bar's end
    mark: Fraction | None = None  # a minimum to reach (0 … 1), drawn as a line across the bar


class BarChart(QWidget):
    """Horizontal bars of fractions between 0 and 1, each labelled and with its figure."""

    ROW_GAP = 6

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self._bars: list[Bar] = []
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(320)
        self._describe()

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self._bars = list(bars)
        self._describe()
        self.updateGeometry()
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def _describe(self) -> None:
        if not self._bars:
            self.setAccessibleDescription(f"{self.title}：暂无数据")
            return
        self.setAccessibleDescription(
            f"{self.title}：" + "；".join(f"{b.label} {b.text}" for b in self._bars)
        )

    def _row_height(self) -> int:
        return self.fontMetrics().height() + self.ROW_GAP

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        rows = len(self._bars) + 1  # + the title
        return QSize(480, rows * self._row_height() + metrics.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        metrics = self.fontMetrics()
        row = self._row_height()
        text_colour = palette.color(QPalette.ColorRole.Text)
        painter.setPen(text_colour)
        painter.drawText(
            QRectF(4, 0, self.width() - 8, row),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.title,
        )
        if not self._bars:
            return
        label_width = max(metrics.horizontalAdvance(b.label) for b in self._bars) + 12
        value_width = max(metrics.horizontalAdvance(b.text) for b in self._bars) + 12
        left = 4 + label_width
        span = max(self.width() - left - value_width - 4, 10)
        bar_colour = palette.color(QPalette.ColorRole.Highlight)
        for i, bar in enumerate(self._bars):
            top = row * (i + 1)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(4, top, label_width - 8, row),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                bar.label,
            )
            length = (
                float(span * min(max(bar.value, Fraction(0)), Fraction(1)))
                if bar.value is not None
                else 0.0
            )
            rect = QRectF(left, top + self.ROW_GAP / 2, length, row - self.ROW_GAP)
            painter.fillRect(rect, bar_colour)
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawRect(QRectF(left, rect.top(), span, rect.height()))
            end = length
            if bar.mark is not None:
                x = left + float(span * min(max(bar.mark, Fraction(0)), Fraction(1)))
                end = max(end, x - left + 2)
                pen = QPen(text_colour)
                pen.setWidth(2)
                painter.setPen(pen)
                painter.drawLine(QPointF(x, top + 1), QPointF(x, top + row - 1))
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(left + end + 6, top, value_width, row),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                bar.text,
            )
