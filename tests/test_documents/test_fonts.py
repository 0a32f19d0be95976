"""Per-character fallback and missing-glyph warnings that name the person (DOMAIN §7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.documents.fonts import _SEGMENT, glyph_warnings, load_fonts, missing_characters
from models.domain.errors import Level, Problem

RARE = "堃玥喆赟䶮"
NOWHERE = "𪚥"  # U+2A6A5, Extension B: in no shipped face


def test_main_faces_lack_the_rare_name_characters_and_the_fallback_has_them(
    fonts_dir: Path,
) -> None:
    fonts = load_fonts(fonts_dir)
    assert [fonts.font_for(c, "fang") for c in RARE] == ["NotoSerifSC-Regular"] * 5
    assert fonts.font_for("王", "fang") == "FandolFang-Regular"
    assert fonts.font_for("王", "hei") == "FandolHei-Regular"


def test_runs_split_where_the_face_changes(fonts_dir: Path) -> None:
    assert load_fonts(fonts_dir).runs("王堃、李䶮", "fang") == [
        ("FandolFang-Regular", "王"),
        ("NotoSerifSC-Regular", "堃"),
        ("FandolFang-Regular", "、李"),
        ("NotoSerifSC-Regular", "䶮"),
    ]


def test_basic_block_and_extension_a_are_covered(fonts_dir: Path) -> None:
    fonts = load_fonts(fonts_dir)
    basic = "".join(chr(c) for c in range(0x4E00, 0xA000))  # the whole block, to Unicode 14
    ext_a = "".join(chr(c) for c in range(0x3400, 0x4DC0))  # Extension A with Unicode 13's ten
    assert fonts.missing_characters(basic) == set()
    assert fonts.missing_characters(ext_a) == set()


def test_missing_characters(fonts_dir: Path) -> None:
    assert missing_characters("王堃 " + NOWHERE + "\n", fonts_dir) == {NOWHERE}


def test_warning_names_the_person_not_the_whole_line(fonts_dir: Path) -> None:
    warnings = glyph_warnings(
        ["出席：张三、王" + NOWHERE + "、李䶮", "王" + NOWHERE], load_fonts(fonts_dir)
    )
    assert warnings == [
        Problem("glyph_missing", Level.WARNING, {"characters": NOWHERE, "context": "王" + NOWHERE})
    ]


def test_a_folder_without_the_faces_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_fonts(tmp_path)


FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="王李张议事、，：( ）\n" + RARE + NOWHERE + "\U000f0001", max_size=12)
    )
)
def test_a_paper_without_a_missing_character_is_told_so_without_looking_at_its_names(
    texts: list[str],
) -> None:
    """The shortcut (no character missing: no warning) gives what the name-by-name scan gives."""
    fonts = load_fonts(FONTS)
    by_name = [s for t in texts for s in _SEGMENT.findall(t) if fonts.missing_characters(s)]
    warnings = glyph_warnings(texts, fonts)
    assert {w.params["context"] for w in warnings} == set(by_name)
