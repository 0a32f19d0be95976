"""GB/T 9704 page geometry, the Chinese line breaker and the date and number formats (DOMAIN §7)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# Re-exported so that callers of the engine mask through the one domain rule.
from models.domain.identity import mask_identifier as mask_identifier

MM = 72 / 25.4  # points per millimetre
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
CHAR_PITCH = 156 * MM / CHARS_PER_LINE  # 15.79 pt: 16 pt glyphs closed up by 0.21 pt
LINE_PITCH = 225 * MM / LINES_PER_PAGE  # 28.99 pt
BODY_SIZE = 16.0  # 三号
TITLE_SIZE = 22.0  # 二号
PAGE_NUMBER_SIZE = 14.0  # 四号
PAGE_NUMBER_GAP = 7 * MM
TABLE_PADDING = 3.0  # points left and right in a table cell, in both writers  # from the foot of the text area to the top of the page number
# Word measures a line grid in twips; 579 × 22 still fits 225 mm (580 would not).
LINE_PITCH_TWIPS = 579
# −0.25 pt on every 16 pt character gives 28 a line in Word and LibreOffice alike (spike §5).
CHAR_SPACING_TWENTIETHS = -5


@dataclass(frozen=True)
class Geometry:
    """A page and its text area (版心), in points; landscape turns the portrait 版心 on its side."""

    page_width: float
    page_height: float
    top: float
    bottom: float
    left: float
    right: float

    @property
    def text_width(self) -> float:
        return self.page_width - self.left - self.right

    @property
    def text_height(self) -> float:
        return self.page_height - self.top - self.bottom

    @property
    def chars_per_line(self) -> int:
        return int(self.text_width / CHAR_PITCH + 1e-6)

    @property
    def lines_per_page(self) -> int:
        return int(self.text_height / LINE_PITCH + 1e-6)


PORTRAIT = Geometry(210 * MM, 297 * MM, top=37 * MM, bottom=35 * MM, left=28 * MM, right=26 * MM)
LANDSCAPE = Geometry(297 * MM, 210 * MM, top=28 * MM, bottom=26 * MM, left=37 * MM, right=35 * MM)


def geometry(landscape: bool) -> Geometry:
    return LANDSCAPE if landscape else PORTRAIT


# GB/T 15834 line-start and line-end prohibitions; DOMAIN §7 lists the full-width core of these.
NO_START = frozenset("，。、：；！？）》」』”’…〕】〉·．,.;:!?)]}%")
NO_END = frozenset("《（「『“‘〔【〈([{")
# Latin words and numbers (masked ones too) stay whole; paired dashes and ellipses are one mark of two cells.
_TOKEN = re.compile(r"[0-9A-Za-z*]+|——|……|\s+|.", re.DOTALL)
_EPS = 1e-6
# In a list of names (出席：王一、李二（病假）) a name is what stands between the separators and
# before a parenthesis; one of at most NAME_CELLS cells is never split across two lines.
_NAME = re.compile(r"[^、，,；;：:（）()。\s]+")
NAME_CELLS = 10.0


def name_spans(
    text: str, width_of: Callable[[str], float] | None = None, cap: float = NAME_CELLS
) -> list[tuple[int, int]]:
    """(start, end) of each name in a list that is kept whole: two characters or more, and short
    enough (NAME_CELLS, and the line's `cap`) that a line always has room for it."""
    width_of = width_of or cjk_width
    limit = min(NAME_CELLS, cap)
    return [
        m.span()
        for m in _NAME.finditer(text)
        if len(m.group()) > 1 and _width(m.group(), width_of) <= limit + _EPS
    ]


def is_name_list(text: str) -> bool:
    """A table cell that holds a name or names (姓名, 签名, 联名人: 张明、李华): every part between
    the separators (not spaces) is a short run of Han characters (a 5-character name at most)."""
    parts = _NAME.findall(text)
    if not parts or any(c.isspace() for c in text):  # 康复部 刘建国 is a unit and a person
        return False
    return all(
        len(part) <= 5 and all(unicodedata.east_asian_width(c) == "W" for c in part)
        for part in parts
    )


def _tokens(text: str, width_of: Callable[[str], float], names: bool, cap: float) -> list[str]:
    if not names:
        return _TOKEN.findall(text)
    out: list[str] = []
    at = 0
    for start, end in name_spans(text, width_of, cap):
        out += _TOKEN.findall(text[at:start])
        out.append(text[start:end])  # one unbreakable token
        at = end
    out += _TOKEN.findall(text[at:])
    return out


def cjk_width(char: str) -> float:
    """Width in character cells: ambiguous-width marks (“ — …) are full-width in Chinese text."""
    return 1.0 if unicodedata.east_asian_width(char) in "WFA" else 0.5


def break_lines(
    text: str,
    chars_per_line: float = CHARS_PER_LINE,
    width_of: Callable[[str], float] = cjk_width,
    *,
    first_line: float | None = None,
    names: bool = False,
) -> list[str]:
    """Greedy lines of at most `chars_per_line` cells (`first_line` for the first one).

    A closing mark that would begin a line hangs at the end of the line before (one mark, one
    cell past the edge, as Word does by default); when two or more would begin it (。” or ）。),
    the character before them is pulled down with them instead. An opening mark that would end a
    line is pulled down to begin the next one. With `names` the text is a list of names, each
    kept on one line (see name_spans).
    """
    narrowest = min(chars_per_line, first_line if first_line is not None else chars_per_line)
    tokens = _tokens(text.replace("\n", " "), width_of, names, narrowest)
    widths = [sum(width_of(c) for c in t) for t in tokens]
    lines: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i].isspace():  # no line begins with a space
            i += 1
            continue
        cap = first_line if first_line is not None and not lines else chars_per_line
        j, used = i, 0.0
        while j < n and (j == i or used + widths[j] <= cap + _EPS):
            used += widths[j]
            j += 1
        if j < n:
            j = _adjust_break(tokens, widths, i, j)
        lines.append("".join(tokens[i:j]).rstrip())
        i = j
    return lines


def _starts_badly(token: str) -> bool:
    return token[0] in NO_START


def _adjust_break(tokens: list[str], widths: list[float], i: int, j: int) -> int:
    """Where the line from token i really ends, given that token j would begin the next."""
    if tokens[j].isspace():
        return j
    if _starts_badly(tokens[j]):
        single = widths[j] <= 1.0 + _EPS and (
            j + 1 == len(tokens) or not _starts_badly(tokens[j + 1])
        )
        if single:
            return j + 1  # hang it
        k = j - 1
        while k > i and (_starts_badly(tokens[k]) or tokens[k].isspace()):
            k -= 1
        if k == i:  # nothing to pull down without emptying the line: hang them all
            while j < len(tokens) and _starts_badly(tokens[j]):
                j += 1
            return j
        j = k
    k = j
    while k - 1 > i and tokens[k - 1][-1] in NO_END:
        k -= 1
    return k


def hangs(line: str, chars_per_line: float, width_of: Callable[[str], float] = cjk_width) -> bool:
    """Whether the line's last mark sits past the right edge (a hung closing mark)."""
    return bool(line) and line[-1] in NO_START and _width(line, width_of) > chars_per_line + _EPS


def _width(text: str, width_of: Callable[[str], float]) -> float:
    return sum(width_of(c) for c in text)


def doc_number(year: int, n: int, prefix: str = "") -> str:
    """发文字号 such as 京残〔2026〕5号: hexagonal brackets, no padding."""
    return f"{prefix}〔{year}〕{n}号"


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1–99 as written in headings: 一, 十, 十一, 二十, 二十一."""
    if not 0 < n < 100:
        raise ValueError(f"heading numbers run from 1 to 99, not {n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def heading_number(level: int, n: int) -> str:
    """The GB/T 9704 numbering of the four heading levels: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level must be 1–4, not {level}")
