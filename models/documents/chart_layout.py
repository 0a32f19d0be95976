"""A chart laid out once, in points, as boxes, strokes and labels: the PDF writer draws them as
vector graphics, the DOCX writer paints them into a picture. Origin top left, y downwards."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from models.documents.fonts import Role
from models.documents.layout import break_lines
from models.documents.paper import Bar, Chart

Colour = tuple[float, float, float]  # RGB, 0–1
Anchor = str  # "start", "middle" or "end"
Measure = Callable[[str, Role, float], float]  # width in points of a text in a role and size

BLACK: Colour = (0.0, 0.0, 0.0)
MET: Colour = (0.25, 0.42, 0.62)  # a bar that meets its requirement (or has none)
SHORT: Colour = (0.80, 0.28, 0.22)  # a bar short of it
GRID: Colour = (0.82, 0.82, 0.82)
AXIS: Colour = (0.35, 0.35, 0.35)

TITLE_SIZE = 14.0  # 四号黑体
LABEL_SIZE = 12.0  # 小四仿宋
FIGURE_SIZE = 10.5  # 五号
TICK_SIZE = 9.0  # 小五
NOTE_SIZE = 10.5
ASCENT = 0.88  # the Fandol faces' ascender, as in the PDF writer
ROW = 22.0  # a bar's row at most; rows shrink so that a chart fits a page
MIN_ROW = 12.0
BAR_SHARE = 0.6  # of the row
GAP = 6.0
ZERO_STUB = 1.5  # the width of a short bar whose value is 0


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: Colour


@dataclass(frozen=True)
class Stroke:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: Colour = BLACK
    width: float = 0.75
    dashed: bool = False


@dataclass(frozen=True)
class Label:
    """Text whose baseline is at y; x is its start, middle or end as `anchor` says."""

    x: float
    y: float
    text: str
    role: Role
    size: float
    anchor: Anchor = "start"
    colour: Colour = BLACK


Shape = Box | Stroke | Label


@dataclass(frozen=True)
class ChartLayout:
    width: float
    height: float
    shapes: tuple[Shape, ...]


def figure_text(bar: Bar, unit: str) -> str:
    if bar.figure:
        return bar.figure
    value = int(bar.value) if float(bar.value).is_integer() else round(bar.value, 1)
    return f"{value}{unit}"


def nice_step(top: float, most: int = 6) -> float:
    """A step of 1, 2 or 5 × 10ⁿ that divides 0…top into at most `most` parts."""
    if top <= 0:
        return 1.0
    raw = top / most
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw - 1e-9:
            return float(factor * power)
    return float(10 * power)  # pragma: no cover


def _tick_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _fit(text: str, role: Role, size: float, room: float, measure: Measure) -> str:
    """The text, shortened with … when it is wider than `room`."""
    if measure(text, role, size) <= room:
        return text
    while text and measure(text + "…", role, size) > room:
        text = text[:-1]
    return text + "…"


def layout_chart(
    chart: Chart, width: float, measure: Measure, *, max_height: float = 600.0
) -> ChartLayout:
    """The chart `width` points wide and at most about `max_height` tall (rows shrink to fit)."""
    shapes: list[Shape] = []
    y = 0.0
    # the title, centred
    y += ASCENT * TITLE_SIZE + 2
    shapes.append(Label(width / 2, y, chart.title, "hei", TITLE_SIZE, "middle"))
    y += TITLE_SIZE * (1 - ASCENT) + GAP
    has_line = chart.target is not None
    if has_line:
        y += TICK_SIZE + 4  # room for the line's label above the plot

    n = len(chart.bars)
    note_lines = _note_lines(chart, width, measure)
    fixed = y + TICK_SIZE + 8 + (FIGURE_SIZE + 8) + len(note_lines) * (NOTE_SIZE + 4) + GAP
    row = max(MIN_ROW, min(ROW, (max_height - fixed) / n))
    label_size = min(LABEL_SIZE, row * 0.6)

    labels = [b.label for b in chart.bars]
    figures = [figure_text(b, chart.unit) for b in chart.bars]
    label_room = width * 0.3
    label_width = min(label_room, max(measure(t, "fang", label_size) for t in labels))
    figure_width = max(measure(t, "song", FIGURE_SIZE) for t in figures)
    x0 = label_width + GAP
    x1 = width - figure_width - GAP
    top_value = max(
        [b.value for b in chart.bars]
        + [r for b in chart.bars if (r := chart.requirement(b)) is not None]
    )
    step = nice_step(top_value or 1.0)
    whole = all(float(b.value).is_integer() for b in chart.bars)
    if whole:  # counts of people or days: no ticks between whole numbers
        step = max(1.0, step)
    scale_max = step * max(1, math.ceil((top_value or 1.0) / step - 1e-9))

    def at(value: float) -> float:
        return x0 + (x1 - x0) * value / scale_max

    plot_top = y
    plot_bottom = y + n * row
    # grid lines and tick labels
    ticks = [step * i for i in range(round(scale_max / step) + 1)]
    for tick in ticks:
        x = at(tick)
        if tick > 0:
            shapes.append(Stroke(x, plot_top, x, plot_bottom, GRID, 0.5))
        shapes.append(
            Label(
                x,
                plot_bottom + 3 + ASCENT * TICK_SIZE,
                _tick_text(tick),
                "song",
                TICK_SIZE,
                "middle",
            )
        )
    # bars
    bar_height = row * BAR_SHARE
    for i, bar in enumerate(chart.bars):
        row_top = plot_top + i * row
        centre = row_top + row / 2
        baseline = centre + (ASCENT - 0.5) * label_size
        shown = _fit(bar.label, "fang", label_size, label_width, measure)
        shapes.append(Label(label_width, baseline, shown, "fang", label_size, "end"))
        colour = SHORT if chart.short(bar) else MET
        length = at(bar.value) - x0
        if length <= 0 and colour == SHORT:
            length = ZERO_STUB  # nothing done at all still shows, in the warning colour
        if length > 0:
            shapes.append(Box(x0, centre - bar_height / 2, length, bar_height, colour))
        fig_base = centre + (ASCENT - 0.5) * FIGURE_SIZE
        # after the bar, and after its own requirement's tick when that is further right
        fig_x = max(at(bar.value), at(bar.target) if bar.target is not None else 0.0) + 3
        shapes.append(Label(fig_x, fig_base, figures[i], "song", FIGURE_SIZE))
        if bar.target is not None:
            tx = at(bar.target)
            top, bottom = centre - row * 0.45, centre + row * 0.45
            shapes.append(Stroke(tx, top, tx, bottom, BLACK, 1.2))
    # the axis, and the one requirement across every bar
    shapes.append(Stroke(x0, plot_top, x0, plot_bottom, AXIS, 0.75))
    shapes.append(Stroke(x0, plot_bottom, x1, plot_bottom, AXIS, 0.75))
    if chart.target is not None:
        tx = at(chart.target)
        shapes.append(Stroke(tx, plot_top - 2, tx, plot_bottom, BLACK, 1.0, dashed=True))
        text = chart.target_label or f"要求 {_tick_text(chart.target)}{chart.unit}"
        anchor = "end" if tx > width * 0.75 else "middle"
        shapes.append(Label(tx, plot_top - 4, text, "song", TICK_SIZE, anchor))
    y = plot_bottom + 3 + TICK_SIZE + 6
    # the legend
    y = _legend(chart, shapes, width, y, measure)
    for line in note_lines:
        y += NOTE_SIZE + 4
        shapes.append(Label(0, y - (1 - ASCENT) * NOTE_SIZE, line, "fang", NOTE_SIZE))
    return ChartLayout(width, y + GAP, tuple(shapes))


def _note_lines(chart: Chart, width: float, measure: Measure) -> list[str]:
    if not chart.note:
        return []
    return break_lines(
        chart.note, width / NOTE_SIZE, lambda c: measure(c, "fang", NOTE_SIZE) / NOTE_SIZE
    )


def _legend(chart: Chart, shapes: list[Shape], width: float, y: float, measure: Measure) -> float:
    """达到要求 ■ 未达到要求 ■ 要求 ┆, centred; returns the y under it."""
    entries: list[tuple[str, Colour | None]] = []
    any_requirement = chart.target is not None or any(b.target is not None for b in chart.bars)
    if not any_requirement:
        return y
    entries = [("达到要求", MET), ("未达到要求", SHORT), ("要求", None)]
    swatch = FIGURE_SIZE
    widths = [swatch + 3 + measure(text, "song", FIGURE_SIZE) for text, _ in entries]
    total = sum(widths) + 12 * (len(entries) - 1)
    x = (width - total) / 2
    baseline = y + ASCENT * FIGURE_SIZE
    for (text, colour), w in zip(entries, widths, strict=True):
        top = baseline - ASCENT * FIGURE_SIZE + 1
        if colour is not None:
            shapes.append(Box(x, top, swatch, swatch * 0.8, colour))
        else:
            dashed = chart.target is not None
            shapes.append(
                Stroke(x + swatch / 2, top - 1, x + swatch / 2, top + swatch, BLACK, 1.2, dashed)
            )
        shapes.append(Label(x + swatch + 3, baseline, text, "song", FIGURE_SIZE))
        x += w + 12
    return y + FIGURE_SIZE + 4
