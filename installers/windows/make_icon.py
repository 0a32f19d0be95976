"""Render resources/icons/yishi.svg into a Windows .ico with PNG-compressed entries.

Usage: uv run python installers/windows/make_icon.py [SVG] ICO
Qt draws the SVG offscreen (no screen needed); the ICO container is written by hand: a 6-byte
header, a 16-byte directory entry per size, then each size's PNG bytes (Windows Vista and later
read PNG entries of any size; 256 is stored as 0 in the one-byte width and height).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 256)
ROOT = Path(__file__).resolve().parents[2]
SVG = ROOT / "resources" / "icons" / "yishi.svg"


def render_png(svg: bytes, size: int) -> bytes:
    """The SVG drawn at size x size on a transparent background, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("the SVG does not render")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO holding one PNG entry per size (ICONDIR, ICONDIRENTRY x n, image data)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = [], []
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size
        # width, height, colours in palette, reserved, planes, bits per pixel, size, offset
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        images.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(images)


def make_icon(svg_path: Path, ico_path: Path, sizes: tuple[int, ...] = SIZES) -> None:
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(["make_icon"])
    svg = svg_path.read_bytes()
    ico_path.write_bytes(ico_bytes({size: render_png(svg, size) for size in sizes}))


def main(argv: list[str]) -> int:
    if len(argv) == 1:
        svg, ico = SVG, Path(argv[0])
    elif len(argv) == 2:
        svg, ico = Path(argv[0]), Path(argv[1])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    make_icon(svg, ico)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
