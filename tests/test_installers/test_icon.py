"""The Windows icon: the SVG drawn by Qt into an ICO whose entries are PNGs of the stated sizes."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "installers" / "windows" / "make_icon.py"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _make_icon_module():
    spec = importlib.util.spec_from_file_location("make_icon", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_ico_holds_one_png_per_size(tmp_path: Path, qapp) -> None:
    make_icon = _make_icon_module()
    ico = tmp_path / "yishi.ico"
    make_icon.make_icon(make_icon.SVG, ico, sizes=(16, 32, 256))
    data = ico.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind, count) == (0, 1, 3)
    seen = []
    for index in range(count):
        width, height, colours, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        png = data[offset : offset + length]
        assert png.startswith(PNG_SIGNATURE)
        # The PNG's IHDR: width and height as big-endian 32-bit numbers after the chunk header.
        png_width, png_height = struct.unpack_from(">II", png, 16)
        stated = width or 256
        assert (png_width, png_height) == (stated, stated)
        assert height == width and colours == 0 and planes == 1 and bits == 32
        seen.append(stated)
    assert seen == [16, 32, 256]
    assert offset + length == len(data)  # the last image ends the file


def test_the_window_icon_is_the_shipped_svg(qapp) -> None:
    from desktop.paths import resource_path
    from desktop.qt_setup import install_window_icon, set_windows_app_id

    assert resource_path("icons", "yishi.svg").is_file()
    set_windows_app_id()  # nothing off Windows, and never an error
    install_window_icon(qapp)
    assert not qapp.windowIcon().pixmap(32, 32).isNull()
