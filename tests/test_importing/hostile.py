"""A corpus of hostile spreadsheets (issue 13), generated small: every one is a few KB to a few MB
on disk, and the bombs claim gigabytes only when unpacked, which the guard never does."""

from __future__ import annotations

import random
import shutil
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from models.importing.workbook import CANONICAL_HEADERS

DATA = Path(__file__).parent / "data"
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"


def raw_xlsx(
    path: Path, sheet_data: str, *, dimension: str | None = None, shared: list[str] | None = None
) -> Path:
    """A minimal, valid .xlsx whose one sheet holds `sheet_data` (the `<row>`s) as given."""
    overrides = [
        ("/xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
        ("/xl/worksheets/sheet1.xml", "spreadsheetml.worksheet+xml"),
    ]
    relations = [("rId1", "worksheet", "worksheets/sheet1.xml")]
    if shared is not None:
        overrides.append(("/xl/sharedStrings.xml", "spreadsheetml.sharedStrings+xml"))
        relations.append(("rId2", "sharedStrings", "sharedStrings.xml"))
    types = "".join(
        f'<Override PartName="{name}" ContentType="application/'
        f'vnd.openxmlformats-officedocument.{kind}"/>'
        for name, kind in overrides
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types xmlns="{_PKG}/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f"{types}</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{_PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{_R_NS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook {_NS} xmlns:r="{_R_NS}"><sheets>'
            '<sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{_PKG}/relationships">'
            + "".join(
                f'<Relationship Id="{rid}" Type="{_R_NS}/{kind}" Target="{target}"/>'
                for rid, kind, target in relations
            )
            + "</Relationships>",
        )
        if shared is not None:
            items = "".join(f"<si><t>{text}</t></si>" for text in shared)
            archive.writestr(
                "xl/sharedStrings.xml",
                f'<?xml version="1.0"?><sst {_NS} count="{len(shared)}">{items}</sst>',
            )
        head = f'<dimension ref="{dimension}"/>' if dimension else ""
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0"?><worksheet {_NS}>{head}'
            f"<sheetData>{sheet_data}</sheetData></worksheet>",
        )
    return path


def _header_row() -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for i, name in enumerate(CANONICAL_HEADERS[:4])
    )
    return f'<row r="1">{cells}</row>'


def far_cell(path: Path) -> Path:
    """The file of issue 13: a header and one cell at XFD1048576 (no <dimension> to give it
    away); the reader would size its grid 1,048,576 × 16,384 and abort."""
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return raw_xlsx(path, _header_row() + far)


def far_dimension(path: Path) -> Path:
    """A sheet that declares A1:XFD1048576 and holds a header only."""
    return raw_xlsx(path, _header_row(), dimension="A1:XFD1048576")


def shared_string_bomb(path: Path) -> Path:
    """One 1 MB shared string named by 400 cells: 400 MB of text once every cell holds a copy."""
    cells = "".join(f'<c r="A{n}" t="s"><v>0</v></c>' for n in range(2, 402))
    rows = _header_row() + f'<row r="2">{cells}</row>'
    return raw_xlsx(path, rows, shared=["空" * 350_000])


def whitespace_bomb(path: Path) -> Path:
    """A sheet padded with 300 MB of white space (≈ 300 KB packed), streamed into the zip."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("xl/workbook.xml", f"<workbook {_NS}/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f"<worksheet {_NS}><sheetData>".encode())
            block = b" " * (1 << 20)
            for _ in range(300):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return path


def truncated(path: Path) -> Path:
    whole = _slate(path.with_name("whole.xlsx"), 20).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def real_xls(path: Path) -> Path:
    shutil.copyfile(DATA / "slate.xls", path)
    return path


def far_cell_xls(path: Path) -> Path:
    """The real .xls with its last text cell moved to IV65536, the farthest BIFF8 allows: the
    reader would build a 65,536 × 256 grid (1.2 GB) for it."""
    data = bytearray((DATA / "slate.xls").read_bytes())
    labelsst = data.rfind(b"\xfd\x00\x0a\x00")  # the record's type 0x00FD and length 10
    data[labelsst + 4 : labelsst + 8] = struct.pack("<HH", 65535, 255)
    path.write_bytes(bytes(data))
    return path


def csv_renamed(path: Path) -> Path:
    path.write_text(",".join(CANONICAL_HEADERS) + "\n张三,男,110101198001010011,大峪街道\n")
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def merged_cells(path: Path) -> Path:
    workbook = _slate_book(12)
    sheet = workbook.active
    sheet.merge_cells("A2:B3")
    sheet.merge_cells("D4:D8")
    workbook.save(path)
    return path


def formulas(path: Path) -> Path:
    workbook = _slate_book(6)
    sheet = workbook.active
    sheet["A2"] = "=1+1"
    sheet["C3"] = '=HYPERLINK("http://example.invalid","x")'
    sheet["D4"] = "=A2&B2"
    workbook.save(path)
    return path


def directory(path: Path) -> Path:
    path.mkdir()
    return path


def missing(path: Path) -> Path:
    return path


def random_unicode(path: Path, rows: int = 10_000, seed: int = 13) -> Path:
    """`rows` rows of random Unicode (no surrogates or control characters) under the header."""
    chooser = random.Random(seed)
    alphabet = [
        chr(c)
        for c in (*range(0x20, 0x7F), *range(0xA0, 0x2FF), *range(0x4E00, 0x4F00), 0x1F600)
        if chr(c).isprintable()
    ]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("名单")
    sheet.append(list(CANONICAL_HEADERS))
    for _ in range(rows):
        sheet.append(
            [
                "".join(chooser.choices(alphabet, k=chooser.randint(0, 12)))
                for _ in CANONICAL_HEADERS
            ]
        )
    workbook.save(path)
    return path


def _slate_book(rows: int) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(list(CANONICAL_HEADERS))
    for n in range(rows):
        sheet.append([f"人员{n}", "男", "110101198001010011", "大峪街道"])
    return workbook


def _slate(path: Path, rows: int) -> Path:
    _slate_book(rows).save(path)
    return path


# name -> (file name, writer): the corpus of issue 13 item 11.
CORPUS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "truncated": ("truncated.xlsx", truncated),
    "real_xls": ("slate.xls", real_xls),
    "far_cell_xls": ("far.xls", far_cell_xls),
    "csv_renamed": ("csv.xlsx", csv_renamed),
    "empty": ("empty.xlsx", empty),
    "far_cell": ("far.xlsx", far_cell),
    "far_dimension": ("dimension.xlsx", far_dimension),
    "shared_string_bomb": ("shared.xlsx", shared_string_bomb),
    "whitespace_bomb": ("white.xlsx", whitespace_bomb),
    "merged_cells": ("merged.xlsx", merged_cells),
    "formulas": ("formulas.xlsx", formulas),
    "directory": ("folder.xlsx", directory),
    "missing": ("missing.xlsx", missing),
    "random_unicode": ("unicode.xlsx", random_unicode),
}
