"""A chart as a PNG picture for the DOCX: the PDF's layout painted with Pillow in the shipped faces.

reportlab's own bitmap renderer (renderPM) needs the rlPyCairo backend, which is not installed;
Pillow is (reportlab depends on it)."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from models.documents.chart_layout import Box, ChartLayout, Colour, Label, Stroke, layout_chart
from models.documents.fonts import FontSet, Role
from models.documents.paper import Chart

DPI = 200
DASH, GAP = 3.0, 2.0  # points, as the PDF's dash pattern


def chart_layout(chart: Chart, width: float, fonts: FontSet, max_height: float) -> ChartLayout:
    def measure(text: str, role: Role, size: float) -> float:
        return sum(fonts.advance(c, role, size) for c in text)

    return layout_chart(chart, width, measure, max_height=max_height)


@lru_cache(maxsize=64)
def _font(path: str, pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, pixels)


def _rgb(colour: Colour) -> tuple[int, int, int]:
    r, g, b = (round(c * 255) for c in colour)
    return r, g, b


def chart_png(
    chart: Chart, width: float, fonts: FontSet, *, max_height: float, dpi: int = DPI
) -> tuple[bytes, float, float]:
    """The chart `width` points wide as PNG bytes, with its size in points (width, height)."""
    layout = chart_layout(chart, width, fonts, max_height)
    scale = dpi / 72
    size = (round(layout.width * scale), round(layout.height * scale))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for shape in layout.shapes:
        if isinstance(shape, Box):
            box = (
                shape.x * scale,
                shape.y * scale,
                (shape.x + shape.width) * scale,
                (shape.y + shape.height) * scale,
            )
            draw.rectangle(box, fill=_rgb(shape.fill))
        elif isinstance(shape, Stroke):
            _stroke(draw, shape, scale)
        elif isinstance(shape, Label):
            _label(draw, shape, fonts, scale)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi), optimize=True)
    return out.getvalue(), layout.width, layout.height


def _stroke(draw: ImageDraw.ImageDraw, shape: Stroke, scale: float) -> None:
    width = max(1, round(shape.width * scale))
    colour = _rgb(shape.colour)
    x1, y1, x2, y2 = (v * scale for v in (shape.x1, shape.y1, shape.x2, shape.y2))
    if not shape.dashed:
        draw.line((x1, y1, x2, y2), fill=colour, width=width)
        return
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    if length == 0:
        return
    dx, dy = (x2 - x1) / length, (y2 - y1) / length
    at = 0.0
    while at < length:
        end = min(at + DASH * scale, length)
        draw.line(
            (x1 + dx * at, y1 + dy * at, x1 + dx * end, y1 + dy * end), fill=colour, width=width
        )
        at = end + GAP * scale


def _label(draw: ImageDraw.ImageDraw, shape: Label, fonts: FontSet, scale: float) -> None:
    """Runs in the face that has each glyph (as the PDF draws them), from the left baseline."""
    width = sum(fonts.advance(c, shape.role, shape.size) for c in shape.text)
    x = shape.x - {"start": 0.0, "middle": width / 2, "end": width}[shape.anchor]
    pixels = max(1, round(shape.size * scale))
    for name, run in fonts.runs(shape.text, shape.role):
        font = _font(str(fonts.fonts_dir / f"{name}.ttf"), pixels)
        draw.text(
            (x * scale, shape.y * scale), run, font=font, fill=_rgb(shape.colour), anchor="ls"
        )
        x += sum(fonts.advance(c, shape.role, shape.size) for c in run)
