"""Convert the CFF (.otf) Fandol and Noto Serif SC faces to TrueType outlines for reportlab.

reportlab embeds only glyf (TrueType-outline) fonts, and every free Chinese serif/仿宋/楷 face we can
ship is published as CFF, so the outlines are converted once and the .ttf files committed.

Run from the repository root (fontTools is a dev-time tool only, not a project dependency):

    apt-get download texlive-lang-chinese && dpkg-deb -x texlive-lang-chinese_*.deb /tmp/tl
    pip download --no-deps pylopdf-fonts-zh-cn -d /tmp/w && unzip /tmp/w/*.whl -d /tmp/w
    uv run --no-project --with fonttools python resources/fonts/convert_fonts.py \
        /tmp/tl/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol /tmp/w/pylopdf_fonts_zh_cn

Sources used for the committed files: texlive-lang-chinese 2022.20230122-1 (Debian 12; Fandol
v0.3, font version 1.300) and pylopdf-fonts-zh-cn 0.1.1 (Noto Serif SC 2.003).
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

HERE = Path(__file__).resolve().parent
FONTS = (
    "FandolFang-Regular",
    "FandolHei-Regular",
    "FandolKai-Regular",
    "FandolSong-Regular",
    "FandolSong-Bold",
    "NotoSerifSC-Regular",
)
# Cubic-to-quadratic tolerance in font units (1000/em): invisible at print sizes.
MAX_ERROR = 1.0
_MAXP_ZEROES = (
    "maxZones",
    "maxTwilightPoints",
    "maxStorage",
    "maxFunctionDefs",
    "maxInstructionDefs",
    "maxStackElements",
    "maxSizeOfInstructions",
    "maxComponentElements",
    "maxComponentDepth",
)


def convert(source: Path, target: Path) -> str:
    font = TTFont(source)
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # CFF contours run the other way round from TrueType's.
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attribute in _MAXP_ZEROES:
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    # post format 3 (CFF fonts) has no glyph names; TrueType readers want them.
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font.sfntVersion = "\0\1\0\0"
    font.save(target)
    return f"{target.name}: {target.stat().st_size / 1e6:.1f} MB"


def main(source_dirs: list[str]) -> None:
    jobs = []
    for stem in FONTS:
        found = [Path(d) / f"{stem}.otf" for d in source_dirs if (Path(d) / f"{stem}.otf").exists()]
        if not found:
            sys.exit(f"{stem}.otf not found in {source_dirs}")
        jobs.append((found[0], HERE / f"{stem}.ttf"))
    with ProcessPoolExecutor() as pool:
        for line in pool.map(convert, *zip(*jobs, strict=True)):
            print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
