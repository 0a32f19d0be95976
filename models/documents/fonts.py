"""Embedded TrueType faces for reportlab, with per-character fallback and a missing-glyph check."""

from __future__ import annotations

import re
import threading
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from models.domain.errors import Level, Problem

Role = Literal["fang", "hei", "kai", "song", "title"]

# 仿宋 body, 黑体 level 1, 楷体 level 2, 宋体 page numbers, and the bold Song standing in for
# 小标宋 (it is closer to 方正小标宋's heavy strokes than the regular Song).
ROLE_FILES: dict[Role, str] = {
    "fang": "FandolFang-Regular.ttf",
    "hei": "FandolHei-Regular.ttf",
    "kai": "FandolKai-Regular.ttf",
    "song": "FandolSong-Regular.ttf",
    "title": "FandolSong-Bold.ttf",
}
# Fandol covers GB 2312 and a little more; names need Extension A and some of B–F.
FALLBACK_FILES = ("NotoSerifSC-Regular.ttf",)

_register_lock = threading.Lock()


def _utf16_hex(code: int) -> str:
    """A code point as a ToUnicode destination: four hex digits, or a surrogate pair beyond the BMP."""
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap for one 256-glyph subset, with every destination in UTF-16BE.

    reportlab writes `<%04X>`, so U+2C317 becomes the five digits 2C317, which readers take as
    U+2C31 (Ⱡ) and a stray digit; the PDF standard wants the surrogate pair <D870DF17>."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({font_name})",
        f"/Ordering ({font_name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{font_name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # A bfchar block holds at most 100 entries (PDF reference, 5.9.2).
    for start in range(0, len(subset), 100):
        block = subset[start : start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines += [f"<{start + i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(block)]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class _Numbers(pdfdoc.PDFArray):  # type: ignore[misc]
    """A subset's 256 glyph widths, written exactly as reportlab's PDFArray writes them (ten to a
    line) with one fp_str call a line instead of several calls a number."""

    def format(self, document: Any, IND: bytes = b"\n ") -> bytes:
        numbers = self.sequence
        lines = [fp_str(*numbers[i : i + 10]).encode("ascii") for i in range(0, len(numbers), 10)]
        return b"[ " + b" \n  ".join(lines) + b" ]"


class _GlyphFlate(pdfdoc.PDFStreamFilterZCompress):  # type: ignore[misc]
    """Flate for an embedded subset: Huffman coding alone, no string matching. Glyph outlines
    have few repeats for it to find: a subset comes out about 6 % larger than at level 3 in well
    under half the time (deflating the subsets was a third of each letter's time). Any reader
    inflates it like any other Flate stream."""

    def encode(self, text: Any) -> bytes:
        data = text.encode("utf8") if isinstance(text, str) else text
        squeezer = zlib.compressobj(1, zlib.DEFLATED, zlib.MAX_WBITS, 9, zlib.Z_HUFFMAN_ONLY)
        return squeezer.compress(data) + squeezer.flush()


_GLYPH_FLATE = _GlyphFlate()


class UnicodeTTFont(TTFont):  # type: ignore[misc]
    """A TTFont whose subsets' ToUnicode maps name characters beyond the BMP correctly, so that
    copying or searching 𬌗 or 𠮷 in the PDF finds the character itself."""

    def __init__(self, name: str, path: str) -> None:
        super().__init__(name, path)
        self.own_chars = frozenset(self.face.charToGlyph)  # before splitString adds to it
        # Every file's subset reads the face's tables again, copying the whole glyf table (several
        # MB) each time: read each table once for all the files of a batch.
        tables: dict[str, bytes] = {}
        read = self.face.get_table

        def get_table(tag: str) -> bytes:
            table = tables.get(tag)
            if table is None:
                table = tables[tag] = read(tag)
            return table

        self.face.get_table = get_table

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> Any:
        """A character the face lacks gets a code of its own (drawn as the face's .notdef box)
        instead of reportlab's shared code 0, so that its ToUnicode entry still names it: the
        warning tells the clerk it is missing, and copying the name still gives it."""
        if isinstance(text, str):
            to_glyph = self.face.charToGlyph
            for char in text:
                if ord(char) not in to_glyph and not _ignorable(char):
                    to_glyph[ord(char)] = 0
        return super().splitString(text, doc, encoding)

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)  # it forgets the document's subsets when done
        for font in doc.idToObject["BasicFonts"].dict.values():
            widths = getattr(font, "Widths", None)
            if isinstance(widths, pdfdoc.PDFArray) and not isinstance(widths, _Numbers):
                font.Widths = _Numbers(widths.sequence)
        for n, subset in enumerate(subsets):
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            base_name = base.decode("pdfdoc")
            font_file = doc.idToObject[f"fontFile:{self.face.filename}({base_name})"]
            if font_file.filters:  # compressed (always, for our documents)
                font_file.filters = [_GLYPH_FLATE]
            if all(code <= 0xFFFF for code in subset):
                continue  # reportlab's map is right for these
            stream = doc.idToObject["toUnicodeCMap:" + base_name]
            stream.content = to_unicode_cmap(base_name, subset)


@dataclass(frozen=True)
class _Face:
    name: str
    chars: frozenset[int]


def _ignorable(char: str) -> bool:
    """Spaces and control characters need no glyph: nothing is drawn for them."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def _require(path: Path) -> None:
    if not path.exists():
        raise FileNotFoundError(f"font file missing: {path}")


class FontSet:
    """The faces of one font folder, registered with reportlab under their file stems."""

    def __init__(self, fonts_dir: Path) -> None:
        self.fonts_dir = fonts_dir
        # Each face is read when first needed (~40 ms for a Fandol face, ~120 ms for the Noto
        # fallback, which most papers never need); a missing file is still refused here.
        self._role_paths = {role: fonts_dir / file for role, file in ROLE_FILES.items()}
        for path in self._role_paths.values():
            _require(path)
        self._fallback_paths = tuple(
            fonts_dir / file for file in FALLBACK_FILES if (fonts_dir / file).exists()
        )
        self._faces: dict[Path, _Face] = {}
        # Per-batch caches: a batch of letters asks about the same few hundred characters.
        self._widths: dict[tuple[str, str], float] = {}  # (char, role) → advance per point
        self._font_for: dict[tuple[str, str], str] = {}
        self._drawable: dict[str, bool] = {}
        self._cells: dict[tuple[str, float, float], Callable[[str], float]] = {}

    def _face(self, path: Path) -> _Face:
        face = self._faces.get(path)
        if face is None:
            face = self._faces[path] = self._load(path)
        return face

    def _role(self, role: Role) -> _Face:
        return self._face(self._role_paths[role])

    def _fallbacks(self) -> Iterator[_Face]:
        return (self._face(path) for path in self._fallback_paths)

    @staticmethod
    def _load(path: Path) -> _Face:
        _require(path)
        name = path.stem
        with _register_lock:
            try:
                font = pdfmetrics.getFont(name)
            except KeyError:
                font = UnicodeTTFont(name, str(path))
                pdfmetrics.registerFont(font)
        chars = getattr(font, "own_chars", None) or frozenset(font.face.charToGlyph)
        return _Face(name, chars)

    def font_name(self, role: Role) -> str:
        return self._role(role).name

    def read_role_faces(self, roles: Iterable[Role] | None = None) -> FontSet:
        """Read the faces of `roles` (by default every role's) now: say, in a worker waiting
        for the letters it will draw in them."""
        for role in self._role_paths if roles is None else roles:
            self._role(role)
        return self

    def read_faces_for(self, text: str, role: Role) -> FontSet:
        """Read now every face that drawing `text` in `role` needs (the fallback for a rare
        name): say, in a worker about to fork others that will draw it."""
        for char in set(text):
            self.font_for(char, role)
        return self

    def needs_fallback(self, text: str, role: Role) -> bool:
        """Whether drawing `text` in `role` needs a face other than the role's (say, the Noto
        fallback for a rare name), without reading any."""
        chars = self._role(role).chars
        return any(ord(c) not in chars and not _ignorable(c) for c in set(text))

    def font_for(self, char: str, role: Role) -> str:
        """The role's face when it has the glyph, else the first fallback that has it."""
        key = (char, role)
        name = self._font_for.get(key)
        if name is None:
            name = self._font_for[key] = self._find_font(char, role)
        return name

    def _find_font(self, char: str, role: Role) -> str:
        primary = self._role(role)
        code = ord(char)
        if code in primary.chars or _ignorable(char):
            return primary.name
        for face in self._fallbacks():
            if code in face.chars:
                return face.name
        return primary.name  # nobody has it: missing_characters() reports it

    def runs(self, text: str, role: Role) -> list[tuple[str, str]]:
        """(font name, text) runs: a new run wherever the face that has the glyph changes."""
        out: list[tuple[str, str]] = []
        for char in text:
            name = self.font_for(char, role)
            if out and out[-1][0] == name:
                out[-1] = (name, out[-1][1] + char)
            else:
                out.append((name, char))
        return out

    def has_glyph(self, char: str) -> bool:
        drawable = self._drawable.get(char)
        if drawable is None:
            code = ord(char)
            # the faces already read first: most characters are found without reading another
            loaded = tuple(self._faces.values())
            paths = (*self._role_paths.values(), *self._fallback_paths)
            drawable = (
                _ignorable(char)
                or any(code in face.chars for face in loaded)
                or any(code in self._face(path).chars for path in paths)
            )
            self._drawable[char] = drawable
        return drawable

    def missing_characters(self, text: str) -> set[str]:
        """Characters that no shipped face can draw (callers warn, naming the person)."""
        return {c for c in set(text) if not self.has_glyph(c)}

    def advance(self, char: str, role: Role, size: float) -> float:
        """The glyph's advance in points, from the face that will draw it."""
        key = (char, role)
        width = self._widths.get(key)
        if width is None:
            name = self.font_for(char, role)
            width = self._widths[key] = pdfmetrics.stringWidth(char, name, 1000.0) / 1000.0
        return width * size

    def cells(self, role: Role, size: float, pitch: float) -> Callable[[str], float]:
        """A width function for break_lines: a character's advance plus the tracking that makes a
        full-width glyph exactly one `pitch`, in cells of that pitch. One function per role, size
        and pitch for the batch, remembering each character's answer (the same arithmetic)."""
        key = (role, size, pitch)
        width_of = self._cells.get(key)
        if width_of is None:
            tracking = pitch - size
            known: dict[str, float] = {}
            advance = self.advance

            def width_of(char: str) -> float:
                cells = known.get(char)
                if cells is None:
                    cells = known[char] = (advance(char, role, size) + tracking) / pitch
                return cells

            self._cells[key] = width_of
        return width_of


@lru_cache(maxsize=4)
def _cached(fonts_dir: str) -> FontSet:
    return FontSet(Path(fonts_dir))


def load_fonts(fonts_dir: Path | str) -> FontSet:
    """One FontSet per folder: reading the cmaps of five CJK faces takes a few tenths of a second."""
    return _cached(str(Path(fonts_dir).resolve()))


def missing_characters(text: str, fonts_dir: Path | str) -> set[str]:
    """Characters of `text` that no face in `fonts_dir` has."""
    return load_fonts(fonts_dir).missing_characters(text)


# Names in lists and attendance lines are separated by these; a warning quotes the name alone.
_SEGMENT = re.compile(r"[^、，,；;：:\s（）()。]+")


def glyph_warnings(texts: Iterable[str], fonts: FontSet) -> list[Problem]:
    """One `glyph_missing` warning per name (or phrase) that has a character no face can draw."""
    pieces = list(texts)
    if not fonts.missing_characters("".join(pieces)):
        return []  # the usual case: every character drawable, no segment to look at
    seen: set[str] = set()
    out: list[Problem] = []
    for text in pieces:
        for segment in _SEGMENT.findall(text):
            missing = fonts.missing_characters(segment)
            if missing and segment not in seen:
                seen.add(segment)
                params = {"characters": "".join(sorted(missing)), "context": segment}
                out.append(Problem("glyph_missing", Level.WARNING, params))
    return out
