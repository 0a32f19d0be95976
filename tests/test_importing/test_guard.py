"""What a spreadsheet claims, checked before calamine sees it (issue 13 item 2): the guard alone,
never the reader, so a bomb here is measured and refused without allocating anything."""

from __future__ import annotations

import tomllib
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.domain.errors import DomainError
from models.domain.rules import DEFAULTS, FileLimits, load_file_limits
from models.domain.rules_file import check_rules_file
from models.importing.guard import check_file, using_limits
from models.importing.slate_reader import read_slate
from models.importing.workbook import open_workbook

from . import hostile
from .helpers import DATA

SHIPPED = Path(__file__).parents[2] / "resources" / "rules" / "mentougou-2019.toml"


def guard(path: Path, limits: FileLimits | None = None) -> None:
    data = path.read_bytes()
    check_file(path, data[:8], len(data), limits or FileLimits())


def refusal(path: Path, limits: FileLimits | None = None) -> str:
    with pytest.raises(DomainError) as caught:
        guard(path, limits)
    assert caught.value.code == "file_too_large"
    return str(caught.value.params["detail"])


# --- the rules file's [files] -------------------------------------------------------------------


def test_the_shipped_files_table_equals_the_defaults_in_code():
    text = SHIPPED.read_text(encoding="utf-8")
    assert tomllib.loads(text)["files"] == DEFAULTS["files"]
    limits = load_file_limits(text)
    assert limits == FileLimits()
    assert (limits.max_rows, limits.max_columns, limits.max_uncompressed_mb) == (100_000, 200, 200)
    assert load_file_limits('[rules]\ntitle = "x"\n') == FileLimits()


def test_a_district_may_change_one_limit():
    limits = load_file_limits("[files]\nmax_rows = 5000\n")
    assert limits.max_rows == 5000
    assert limits.max_columns == DEFAULTS["files"]["max_columns"]


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("max_rowz = 5", "files.max_rowz"),
        ("max_rows = 0", "files.max_rows"),
        ('max_rows = "many"', "files.max_rows"),
        ("max_rows = true", "files.max_rows"),
    ],
)
def test_a_wrong_files_table_is_refused_by_the_whole_file_check(line, key):
    text = SHIPPED.read_text(encoding="utf-8").replace("max_rows = 100000", line)
    with pytest.raises(DomainError) as caught:
        check_rules_file(text, rules_id="district")
    assert caught.value.code == "rules_invalid"
    assert caught.value.params["key"] == key


# --- what passes --------------------------------------------------------------------------------


def test_real_files_pass(tmp_path):
    guard(hostile.merged_cells(tmp_path / "merged.xlsx"))
    guard(hostile.formulas(tmp_path / "formulas.xlsx"))
    guard(DATA / "slate.xls")
    guard(hostile.random_unicode(tmp_path / "unicode.xlsx", rows=2000))
    guard(hostile.csv_renamed(tmp_path / "csv.xlsx"))  # not a zip: calamine names it


def test_the_official_templates_pass(tmp_path):
    from models.importing.template import write_roster_template, write_template

    guard(write_template(tmp_path / "slate.xlsx"))
    guard(write_roster_template(tmp_path / "roster.xlsx"))


# --- what is refused, and why -------------------------------------------------------------------


def test_a_far_cell_is_refused_by_its_row(tmp_path):
    detail = refusal(hostile.far_cell(tmp_path / "far.xlsx"))
    assert "1,048,576 行" in detail


def test_a_far_column_is_refused(tmp_path):
    path = hostile.raw_xlsx(tmp_path / "wide.xlsx", '<row r="1"><c r="HZ1"><v>1</v></c></row>')
    assert "第 234 列" in refusal(path)
    guard(path, FileLimits(max_columns=300))


def test_cells_without_positions_are_counted_in_order(tmp_path):
    path = hostile.raw_xlsx(tmp_path / "unnumbered.xlsx", "<row>" + "<c/>" * 201 + "</row>")
    assert "第 201 列" in refusal(path)
    rows = "<row><c><v>1</v></c></row>" * 12
    assert "第 11 行" in refusal(
        hostile.raw_xlsx(tmp_path / "rows.xlsx", rows), FileLimits(max_rows=10)
    )


def test_a_declared_dimension_is_refused(tmp_path):
    detail = refusal(hostile.far_dimension(tmp_path / "dimension.xlsx"))
    assert "行" in detail


def test_the_shared_text_copied_into_cells_is_added_up(tmp_path):
    path = hostile.shared_string_bomb(tmp_path / "shared.xlsx")
    assert "压缩比" in refusal(path)
    # Were such packing allowed, the 400 copies of 1 MB would still be refused.
    assert "共享文字" in refusal(path, FileLimits(max_compression_ratio=100_000))


def test_a_whitespace_bomb_is_refused_by_its_size_and_ratio(tmp_path):
    path = hostile.whitespace_bomb(tmp_path / "white.xlsx")
    assert path.stat().st_size < 2_000_000
    assert "300.0 MB" in refusal(path)
    assert "压缩比" in refusal(path, FileLimits(max_uncompressed_mb=1000))
    # Unpacked as a stream, the real bytes count too.
    assert "超过 100 MB" in refusal(
        path, FileLimits(max_uncompressed_mb=100, max_compression_ratio=100_000)
    )


def test_too_many_parts_are_refused(tmp_path):
    path = tmp_path / "parts.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(1001):
            archive.writestr(f"xl/media/{number}.txt", "")
    assert "1001 个部件" in refusal(path)


def test_an_xls_is_refused_by_its_farthest_value(tmp_path):
    assert "第 256 列" in refusal(hostile.far_cell_xls(tmp_path / "far.xls"))
    guard(hostile.far_cell_xls(tmp_path / "far.xls"), FileLimits(max_columns=256))
    assert "第 65,536 行" in refusal(
        hostile.far_cell_xls(tmp_path / "far.xls"), FileLimits(max_columns=256, max_rows=60_000)
    )


def test_an_xls_whose_structure_does_not_add_up_is_left_to_the_reader(tmp_path):
    whole = (DATA / "slate.xls").read_bytes()
    cut = tmp_path / "cut.xls"
    cut.write_bytes(whole[:1500])
    guard(cut)
    with pytest.raises(DomainError) as caught:
        read_slate(cut, body="congress")
    assert caught.value.code == "file_unreadable"


def test_an_xls_is_measured_by_its_size(tmp_path):
    detail = refusal(DATA / "slate.xls", FileLimits(max_uncompressed_mb=0))
    assert "MB" in detail


# --- the open step uses the limits in force -----------------------------------------------------


def test_open_workbook_checks_before_reading(tmp_path):
    path = hostile.far_cell(tmp_path / "far.xlsx")
    with pytest.raises(DomainError) as caught:
        open_workbook(path)
    assert caught.value.code == "file_too_large"


def test_the_limits_in_use_reach_the_reader(tmp_path):
    from tests.test_cli.slate_files import passing_rows, write_slate

    path = write_slate(tmp_path / "slate.xlsx", passing_rows())
    assert read_slate(path, body="congress").total == len(passing_rows())
    with using_limits(FileLimits(max_rows=5)), pytest.raises(DomainError) as caught:
        read_slate(path, body="congress")
    assert caught.value.code == "file_too_large"
    assert read_slate(path, body="congress").total == len(passing_rows())  # the block ended


def test_a_part_that_lies_about_its_size_is_refused(tmp_path):
    """The zip's directory says 1 KB; the part unpacks to 300 MB. Python's zipfile would stop at
    the claimed size; the guard inflates the stream itself."""
    path = hostile.whitespace_bomb(tmp_path / "white.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    real = sheet.file_size.to_bytes(4, "little") if sheet.file_size < 2**32 else None
    assert real is not None and data.count(real) >= 1
    data = data.replace(real, (1024).to_bytes(4, "little"))
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size == 1024
    detail = refusal(path, FileLimits(max_compression_ratio=100_000, max_uncompressed_mb=1000))
    assert "与压缩包所记 1024 不符" in detail


def test_a_lying_part_is_stopped_at_the_limit_while_it_is_inflated(tmp_path):
    """The directory claims 1 KB; inflating the 300 MB part stops at the limit (50 MB here),
    whatever the directory says, not at the end of the part."""
    path = hostile.whitespace_bomb(tmp_path / "white.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    path.write_bytes(bytes(data.replace(sheet.file_size.to_bytes(4, "little"), b"\0\4\0\0")))
    limits = FileLimits(max_compression_ratio=100_000, max_uncompressed_mb=50)
    assert refusal(path, limits) == "解压后超过 50 MB"


def test_a_damaged_part_is_refused(tmp_path):
    path = hostile.far_dimension(tmp_path / "damaged.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    start = sheet.header_offset + 30 + len(sheet.filename)
    data[start : start + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    assert "无法解压" in refusal(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    source=st.sampled_from(["xlsx", "xls"]),
    damage=st.lists(
        st.tuples(st.integers(0, 10_000), st.binary(min_size=1, max_size=8)), max_size=6
    ),
    cut=st.one_of(st.none(), st.integers(0, 10_000)),
)
def test_damaged_files_pass_or_are_refused_never_crash_the_guard(tmp_path, source, damage, cut):
    """Bytes changed or cut anywhere: the guard says file_too_large or lets the reader name it."""
    original = DATA / "slate.xls" if source == "xls" else hostile.merged_cells(tmp_path / "m.xlsx")
    data = bytearray(original.read_bytes())
    for offset, replacement in damage:
        at = offset % len(data)
        data[at : at + len(replacement)] = replacement
    if cut is not None:
        data = data[: cut % len(data)]
    path = tmp_path / f"damaged.{source}"
    path.write_bytes(bytes(data))
    try:
        guard(path)
    except DomainError as exc:
        assert exc.code == "file_too_large"


# --- the quick look at a piece of a sheet vouches only for what the full scan would find --------

_FRAGMENTS = st.sampled_from(
    [
        '<row r="{n}">',
        '<row r="{n}" spans="1:22" x14ac:dyDescent="0.25">',
        "<row>",
        "<row/>",
        "</row>",
        "<rowBreaks>",
        '<row  r="{n}">',
        "<row r='{n}'>",
        '<x:row r="{n}">',
        '<c r="{col}{n}">',
        '<c r="{col}1234567890123">',
        '<c r="{col}{n}" t="s"><v>{n}</v></c>',
        '<c r="{col}{n}" s="1" t="s"><v> {n} </v></c>',
        '<c t="s" r="{col}{n}"><v>{n}</v></c>',
        '<c r="{col}{n}"/>',
        '<c r="${col}${n}">',
        '<c r="{low}{n}">',
        '<c s="2" r="{col}{n}">',
        "<c>",
        "<c/>",
        "<c",
        "<c_x>",
        '<x:c r="{col}{n}"><x:v>{n}</x:v></x:c>',
        '<cols><col min="1" max="{n}"/></cols>',
        "<cfRule/>",
        '<dimension ref="A1:{col}{n}"/>',
        "<v>{n}</v>",
        "10:30 ID:1",
        "<is><t>a:b</t></is>",
        "</c>",
    ]
)
_COLUMNS = st.sampled_from(["A", "Z", "AA", "AZ", "FZ", "GR", "GS", "HZ", "ZZ", "AAA", "XFD"])
_NUMBERS = st.sampled_from(
    ["0", "1", "9", "10", "99", "100", "9999", "99999", "100000", "100001", "1048576", "0001"]
)


@settings(max_examples=400, deadline=None)
@given(
    parts=st.lists(st.tuples(_FRAGMENTS, _COLUMNS, _NUMBERS), max_size=12),
    max_rows=st.sampled_from([1, 9, 10, 11, 100, 99_999, 100_000, 1_048_576]),
    max_columns=st.sampled_from([1, 7, 25, 26, 27, 52, 200, 701, 702, 16_384]),
)
def test_the_quick_look_vouches_only_for_what_the_full_scan_finds(parts, max_rows, max_columns):
    from models.importing import guard as scan

    data = "".join(
        fragment.format(n=n, col=col, low=col.lower()) for fragment, col, n in parts
    ).encode()
    limits = FileLimits(max_rows=max_rows, max_columns=max_columns)
    if not scan.quick_piece(data, limits):
        return
    row, column, numbered = scan.farthest_position(data)
    assert numbered
    assert row <= max_rows
    assert column <= max_columns
    assert scan._SHARED_V_PLAIN.findall(data) == scan._SHARED_V.findall(data)


def test_the_quick_look_takes_an_ordinary_sheet():
    from models.importing import guard as scan

    rows = "".join(
        f'<row r="{n}" spans="1:3"><c r="A{n}" t="s"><v>{n}</v></c><c r="GR{n}"/></row>'
        for n in range(1, 100)
    )
    data = f'<cols><col min="1" max="3"/></cols><sheetData>{rows}</sheetData><rowBreaks/>'.encode()
    assert scan.quick_piece(data, FileLimits())
    assert not scan.quick_piece(data, FileLimits(max_columns=199))
    assert not scan.quick_piece(data, FileLimits(max_rows=99))
    assert not scan.quick_piece(data.replace(b"<c r", b"<x:c r"), FileLimits())
