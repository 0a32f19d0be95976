"""Reading an organisation register from a spreadsheet (yishi registers <register> import): cadres,
villages and communities with their population, Warm Homes, contact points, field visits and
grass-roots organisations with their officers (issue 17).

One reader for every register, driven by a `RegisterSpec` (its columns: canonical header, kind,
required, choices). The same tolerance as a slate or a motions sheet (DOMAIN §2, §8): the first
sheet with a header row in its first 10 rows, headers compared after NFKC without white space,
`*` or `(必填)`, columns in any order, unknown columns kept (in the rejected file); every problem
a `RowProblem` naming the sheet's own row and the canonical header. The cells are read and
checked here; names are resolved against the database by the service
(`models.services.organisation.importing`). The result is shaped as a `SlateSheet`, so
`models.importing.rejected.write_rejected` writes the rejected rows back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from python_calamine import SheetTypeEnum, SheetVisibleEnum

from models.domain.errors import DomainError, Level
from models.domain.organisation_vocabulary import (
    CommitteePost,
    OfficerRole,
    OrganisationKind,
    PlaceKind,
)
from models.domain.slate import RowProblem
from models.domain.vocabulary import DisabilityCategory, Employment
from models.importing.cells import is_number, parse_bool, parse_date, text_of, word_of
from models.importing.slate_reader import SlateSheet
from models.importing.workbook import (
    HEADER_SEARCH_ROWS,
    normalise_header,
    open_workbook,
    reraise_interrupts,
    rows_below_header,
    unusable_file,
)

YEAR_RANGE = (1949, 2100)
COUNT_LIMIT = 10_000_000  # more residents than any village or community has


class Kind(StrEnum):
    """How a cell is read."""

    TEXT = "text"
    DATE = "date"
    BOOL = "bool"  # 是/否 (blank = 否)
    CHOICE = "choice"  # one of `choices`
    COUNT = "count"  # a whole number ≥ 0
    YEAR = "year"  # a four-digit year


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One column of a register's sheet, and how its template explains it."""

    header: str  # the canonical header: what problems name and the template writes
    kind: Kind = Kind.TEXT
    required: bool = False  # the cell must be filled
    choices: tuple[str, ...] = ()
    limit: int | None = None  # text: most characters (the database column's width)
    drop_suffix: str = ""  # choice: 肢体残疾 reads as 肢体
    invalid_code: str = "value_invalid"  # choice: the code of a word outside `choices`
    width: int = 12  # the template's column width
    # bool: a blank cell reads as None (keep what the register holds), not 否
    blank_keeps: bool = False
    instruction: str = ""
    example: str = ""

    @property
    def key(self) -> str:
        return normalise_header(self.header)


@dataclass(frozen=True, slots=True)
class RegisterSpec:
    """A register's sheet: its columns in the template's order and what makes a row one."""

    name: str  # the register's id (`Register` value: cadres, places …)
    title: str  # 干部名册 …: the template's data sheet and messages
    columns: tuple[ColumnSpec, ...]
    marks: tuple[str, ...]  # headers that, together, mark the header row
    unique: tuple[str, ...]  # headers whose values name one row: a second such row is an error
    # Rows naming the same `group` (a place, an organisation) must agree on `consistent`.
    group: tuple[str, ...] = ()
    consistent: tuple[str, ...] = ()
    # A header that must be filled when any of the others is ({年度: (残疾人口, 常住人口)}).
    required_with: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    row_note: str = ""  # the instructions sheet's paragraph on what one row is

    def column(self, header: str) -> ColumnSpec:
        return next(c for c in self.columns if c.header == header)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns if c.required)


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """A row without errors in its cells: values by canonical header (None when blank)."""

    row: int
    values: Mapping[str, Any]

    def __getitem__(self, header: str) -> Any:
        return self.values.get(header)


@dataclass(frozen=True, slots=True)
class RegisterSheet:
    """The sheet as read: the rows whose cells are good, and the slate-shaped sheet."""

    spec_name: str
    sheet: SlateSheet
    entries: tuple[RegisterEntry, ...]

    @property
    def errors(self) -> tuple[RowProblem, ...]:
        return tuple(p for p in self.sheet.problems if p.level is Level.ERROR)

    @property
    def warnings(self) -> tuple[RowProblem, ...]:
        return tuple(p for p in self.sheet.problems if p.level is Level.WARNING)


def _words(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in vocabulary)


_BOOL = "是/否（也可填 Y/N、√/×、1/0）；不填为否。"
_DATE = "可填日期，或 2026-03-01、2026/3/1、2026年3月1日。"
TOWNSHIP = ColumnSpec(
    "街乡镇",
    required=True,
    limit=64,
    width=14,
    instruction="必填：街道或乡镇的名称，如 大峪街道、斋堂镇。",
    example="大峪街道",
)

CADRES = RegisterSpec(
    name="cadres",
    title="干部名册",
    columns=(
        ColumnSpec("姓名", required=True, limit=64, width=10, instruction="必填。", example="张三"),
        ColumnSpec(
            "职务",
            limit=64,
            width=16,
            instruction="如 理事长、副理事长、科员。",
            example="副理事长",
        ),
        ColumnSpec("领导班子成员", Kind.BOOL, width=12, instruction=_BOOL, example="是"),
        ColumnSpec(
            "任职方式",
            Kind.CHOICE,
            required=True,
            choices=_words(Employment),
            width=10,
            instruction="必填：专职（编制内）、挂职 或 兼职。",
            example="专职",
        ),
        ColumnSpec("是否残疾人", Kind.BOOL, width=10, instruction=_BOOL, example="是"),
        ColumnSpec(
            "残疾类别",
            Kind.CHOICE,
            choices=_words(DisabilityCategory),
            drop_suffix="残疾",
            invalid_code="category_unknown",
            width=10,
            instruction="残疾人填写：视力、听力、言语、肢体、智力、精神、多重（可加“残疾”二字）。",
            example="肢体",
        ),
        ColumnSpec(
            "派出单位",
            limit=128,
            width=20,
            instruction="挂职干部的派出单位，或兼职干部的本职单位。",
            example="",
        ),
        ColumnSpec("任职日期", Kind.DATE, width=12, instruction=_DATE, example="2024-01-01"),
        ColumnSpec("离任日期", Kind.DATE, width=12, instruction="已离任的干部填写。" + _DATE),
        ColumnSpec("备注", width=20, instruction="自由填写。"),
    ),
    marks=("姓名", "任职方式"),
    unique=("姓名",),
    row_note="区残联的干部（含挂职、兼职干部），每人一行。",
)

PLACES = RegisterSpec(
    name="places",
    title="村和社区",
    columns=(
        TOWNSHIP,
        ColumnSpec(
            "名称",
            required=True,
            limit=64,
            width=16,
            instruction="必填：村或社区的名称。",
            example="东辛房社区",
        ),
        ColumnSpec(
            "类别",
            Kind.CHOICE,
            required=True,
            choices=_words(PlaceKind),
            width=8,
            instruction="必填：村 或 社区。",
            example="社区",
        ),
        ColumnSpec(
            "低收入村",
            Kind.BOOL,
            width=10,
            blank_keeps=True,
            instruction="仅村填写。是/否（也可填 Y/N、√/×、1/0）；不填：新登记的村为否，已登记的村不变。",
            example="否",
        ),
        ColumnSpec(
            "年度",
            Kind.YEAR,
            width=8,
            instruction="人口数据的年度，如 2026；填写人口时必填。",
            example="2026",
        ),
        ColumnSpec(
            "残疾人口",
            Kind.COUNT,
            width=10,
            instruction="该年度本村（社区）的残疾人数，整数。",
            example="35",
        ),
        ColumnSpec(
            "常住人口",
            Kind.COUNT,
            width=10,
            instruction="该年度本村（社区）的常住人口，整数。",
            example="8200",
        ),
    ),
    marks=("街乡镇", "名称", "类别"),
    unique=("街乡镇", "名称", "年度"),
    group=("街乡镇", "名称"),
    consistent=("类别", "低收入村"),
    required_with={"年度": ("残疾人口", "常住人口")},
    row_note=(
        "每个村或社区一行；同一村（社区）有多个年度的人口数据时，每个年度一行。"
        "名册中没有的街乡镇和村（社区）导入时自动添加：街乡镇的名称须以“街道”“镇”或“乡”结尾。"
    ),
)

HOMES = RegisterSpec(
    name="homes",
    title="温馨家园",
    columns=(
        ColumnSpec(
            "温馨家园名称",
            required=True,
            limit=128,
            width=24,
            instruction="必填：名称不能与已有的温馨家园重复。",
            example="东辛房社区温馨家园",
        ),
        TOWNSHIP,
        ColumnSpec(
            "村/社区",
            limit=64,
            width=16,
            instruction="所在的村或社区（须已在村和社区名册中）；街乡镇一级的温馨家园不填。",
            example="东辛房社区",
        ),
        ColumnSpec("示范温馨家园", Kind.BOOL, width=12, instruction=_BOOL, example="是"),
        ColumnSpec("开办日期", Kind.DATE, width=12, instruction=_DATE, example="2020-06-01"),
    ),
    marks=("温馨家园名称", "街乡镇"),
    unique=("温馨家园名称",),
    row_note="每个温馨家园一行。街乡镇须已在名册中（可先导入村和社区）。",
)

CONTACTS = RegisterSpec(
    name="contacts",
    title="联系点",
    columns=(
        ColumnSpec(
            "姓名",
            required=True,
            limit=64,
            width=10,
            instruction="必填：现任党组成员或执行理事会成员的姓名。",
            example="张三",
        ),
        ColumnSpec(
            "联系村",
            limit=64,
            width=16,
            instruction="联系的低收入村；重名时写成“街乡镇/村名”。",
            example="斋堂镇/马栏村",
        ),
        ColumnSpec(
            "联系社区",
            limit=64,
            width=16,
            instruction="联系的社区；重名时写成“街乡镇/社区名”。",
            example="东辛房社区",
        ),
        ColumnSpec(
            "联系温馨家园",
            limit=128,
            width=20,
            instruction="联系的温馨家园（须已在温馨家园名册中）。",
            example="东辛房社区温馨家园",
        ),
        ColumnSpec("开始日期", Kind.DATE, width=12, instruction=_DATE, example="2026-01-01"),
    ),
    marks=("姓名", "联系社区"),
    unique=("姓名",),
    row_note="一人一村一社区一家园：每名党组成员、执行理事会成员一行。",
)

VISITS = RegisterSpec(
    name="visits",
    title="走访记录",
    columns=(
        ColumnSpec(
            "姓名",
            required=True,
            limit=64,
            width=10,
            instruction="必填：现任党组成员或执行理事会成员的姓名。",
            example="张三",
        ),
        ColumnSpec(
            "日期",
            Kind.DATE,
            required=True,
            width=12,
            instruction="必填。" + _DATE,
            example="2026-03-01",
        ),
        ColumnSpec(
            "地点",
            limit=128,
            width=18,
            instruction="村或社区的名称（与名册一致时自动关联），或自由填写的地点。",
            example="东辛房社区",
        ),
        ColumnSpec(
            "内容",
            width=36,
            instruction="现场调研、入户问需等工作内容。",
            example="入户走访重度残疾人家庭",
        ),
    ),
    marks=("姓名", "日期"),
    unique=("姓名", "日期", "地点", "内容"),
    row_note="每次走访一行；同一天多次走访按一天计。",
)

ORGANISATIONS = RegisterSpec(
    name="organisations",
    title="基层组织",
    columns=(
        ColumnSpec(
            "组织名称",
            required=True,
            limit=128,
            width=22,
            instruction="必填：同一组织的各行名称须一致。",
            example="大峪街道东辛房社区残疾人协会",
        ),
        ColumnSpec(
            "类别",
            Kind.CHOICE,
            required=True,
            choices=_words(OrganisationKind),
            width=12,
            instruction="必填：街乡镇残联、社区残协 或 村残协。",
            example="社区残协",
        ),
        TOWNSHIP,
        ColumnSpec(
            "村/社区",
            limit=64,
            width=14,
            instruction="社区残协、村残协必填（须已在村和社区名册中）；街乡镇残联不填。",
            example="东辛房社区",
        ),
        ColumnSpec(
            "职务",
            Kind.CHOICE,
            required=True,
            choices=_words(OfficerRole),
            width=10,
            instruction="必填：街乡镇残联为主席、理事长；协会为主席、副主席、专职委员、兼职委员。",
            example="主席",
        ),
        ColumnSpec("姓名", required=True, limit=64, width=10, instruction="必填。", example="李四"),
        ColumnSpec("是否残疾人", Kind.BOOL, width=10, instruction=_BOOL, example="是"),
        ColumnSpec(
            "是否亲友", Kind.BOOL, width=10, instruction="是否残疾人亲友。" + _BOOL, example="否"
        ),
        ColumnSpec(
            "居（村）委会职务",
            Kind.CHOICE,
            choices=_words(CommitteePost),
            width=14,
            instruction="协会主席在居（村）委会的职务：主任 或 副主任；没有不填。",
            example="副主任",
        ),
        ColumnSpec(
            "选聘方式",
            limit=64,
            width=12,
            instruction="专职委员如何选聘，如 公开选聘。",
            example="",
        ),
    ),
    marks=("组织名称", "职务", "姓名"),
    unique=("组织名称", "职务", "姓名"),
    group=("组织名称",),
    consistent=("类别", "街乡镇", "村/社区"),
    row_note="每名组织成员一行；同一组织的多名成员写在多行，组织名称、类别、街乡镇、村/社区须一致。",
)

SPECS: dict[str, RegisterSpec] = {
    spec.name: spec for spec in (CADRES, PLACES, HOMES, CONTACTS, VISITS, ORGANISATIONS)
}


def register_spec(name: str) -> RegisterSpec:
    """The spec of a register that has a sheet; DomainError for one that has none."""
    try:
        return SPECS[name]
    except KeyError:
        raise DomainError(
            "register_import_unsupported", register=name, choices="、".join(SPECS)
        ) from None


def read_register(path: Path, *, register: str) -> RegisterSheet:
    """Read and check the rows of `register`'s sheet; a file that cannot be used at all raises
    DomainError (no header row, a required column missing); row problems never do."""
    spec = register_spec(register)
    path = Path(path)
    name, header_row, grid = _find_header(path, spec)
    headers, rows = rows_below_header(grid, header_row)
    by_key = {column.key: column.header for column in spec.columns}
    columns: dict[str, int] = {}
    for index, header in enumerate(headers):
        canonical = by_key.get(normalise_header(header))
        if canonical is not None and canonical not in columns:
            columns[canonical] = index
    missing = [header for header in spec.required if header not in columns]
    if missing:
        raise DomainError(
            "headers_missing",
            path=str(path),
            sheet=name,
            missing=missing,
            missing_text="、".join(missing),
            expected="、".join(c.header for c in spec.columns),
        )
    results = [_check_row(spec, number, values, columns) for number, values in rows]
    _check_across_rows(spec, results)
    sheet = SlateSheet(
        records=(),
        problems=(),
        total=len(rows),
        excluded_rows=(),
        header_row=header_row,
        sheet_name=name,
        headers=headers,
        raw_rows=rows,
    )
    read = RegisterSheet(spec.name, sheet, tuple(RegisterEntry(r.row, r.values) for r in results))
    return with_problems(read, [p for result in results for p in result.problems])


def with_problems(read: RegisterSheet, problems: Sequence[RowProblem]) -> RegisterSheet:
    """The sheet with more problems (the database's, found on import): sorted by sheet row, then
    by the column's place in the sheet; a row with an error leaves the entries."""
    spec = register_spec(read.spec_name)
    by_key = {column.key: column.header for column in spec.columns}
    order: dict[str, int] = {}
    for index, header in enumerate(read.sheet.headers):
        order.setdefault(by_key.get(normalise_header(header), ""), index)

    def position(problem: RowProblem) -> tuple[int, int]:
        return problem.row, order.get(problem.column, len(read.sheet.headers))

    merged = sorted((*read.sheet.problems, *problems), key=position)
    excluded = {p.row for p in merged if p.level is Level.ERROR}
    sheet = replace(read.sheet, problems=tuple(merged), excluded_rows=tuple(sorted(excluded)))
    entries = tuple(entry for entry in read.entries if entry.row not in excluded)
    return RegisterSheet(read.spec_name, sheet, entries)


@dataclass
class _Row:
    row: int
    values: dict[str, Any]
    problems: list[RowProblem] = field(default_factory=list)

    def add(self, column: str, code: str, level: Level = Level.ERROR, **params: Any) -> None:
        if any(p.column == column for p in self.problems):
            return  # one cell gets one code: the first found wins
        params = {"column": column, "label": column, **params}
        self.problems.append(RowProblem(self.row, column, code, level, params))


def _check_row(
    spec: RegisterSpec, number: int, values: tuple[Any, ...], columns: Mapping[str, int]
) -> _Row:
    result = _Row(number, {})
    for column in spec.columns:
        index = columns.get(column.header)
        raw = None if index is None else values[index]
        result.values[column.header] = _cell(column, raw, result)
    for header, others in spec.required_with.items():
        filled = [other for other in others if result.values.get(other) is not None]
        if filled and result.values.get(header) is None:
            result.add(header, "register_required_with", others="、".join(filled))
    return result


def _cell(column: ColumnSpec, raw: Any, result: _Row) -> Any:
    header = column.header
    if raw is None:
        if column.required:
            result.add(header, "missing_required")
        return False if column.kind is Kind.BOOL and not column.blank_keeps else None
    if column.kind is Kind.TEXT:
        text = text_of(raw)
        if column.limit is not None and text is not None and len(text) > column.limit:
            result.add(header, "text_too_long", limit=column.limit, length=len(text))
        return text
    if column.kind is Kind.BOOL:
        answer = parse_bool(raw)
        if answer is None:
            result.add(header, "bool_invalid", value=text_of(raw))
            return False
        return answer
    if column.kind is Kind.DATE:
        found = parse_date(raw)
        if found is None:
            result.add(header, "date_invalid", value=text_of(raw))
        return found
    if column.kind is Kind.CHOICE:
        word = word_of(raw) or ""
        if column.drop_suffix and word.endswith(column.drop_suffix) and word != column.drop_suffix:
            word = word.removesuffix(column.drop_suffix)
        for choice in column.choices:
            if word_of(choice) == word:
                return choice
        result.add(
            header, column.invalid_code, value=text_of(raw), choices="、".join(column.choices)
        )
        return None
    number = _whole_number(raw)
    if column.kind is Kind.YEAR:
        if number is None or not YEAR_RANGE[0] <= number <= YEAR_RANGE[1]:
            result.add(header, "register_year_invalid", value=text_of(raw))
            return None
        return number
    if number is None or not 0 <= number <= COUNT_LIMIT:
        result.add(header, "register_count_invalid", value=text_of(raw))
        return None
    return number


def _whole_number(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if is_number(raw):
        return int(raw) if float(raw).is_integer() else None
    word = (word_of(raw) or "").replace(",", "")
    for suffix in ("人", "年"):
        word = word.removesuffix(suffix)
    return int(word) if word.isascii() and word.isdigit() else None


def _check_across_rows(spec: RegisterSpec, results: list[_Row]) -> None:
    """A second row with the same `unique` values; rows of one group that disagree."""
    seen: dict[tuple[str, ...], int] = {}
    groups: dict[tuple[str, ...], _Row] = {}
    for result in results:
        if any(p.column in spec.unique for p in result.problems):
            continue
        key = tuple(_compared(result.values.get(header)) for header in spec.unique)
        if key in seen:
            result.add(
                spec.unique[0],
                "register_row_repeated",
                row=seen[key],
                what="、".join(h for h in spec.unique if result.values.get(h) is not None),
            )
        else:
            seen[key] = result.row
        if not spec.group or any(p.column in spec.group for p in result.problems):
            continue
        group = tuple(_compared(result.values.get(header)) for header in spec.group)
        first = groups.setdefault(group, result)
        if first is result:
            continue
        for header in spec.consistent:
            if _compared(first.values.get(header)) != _compared(result.values.get(header)):
                result.add(
                    header,
                    "register_group_inconsistent",
                    row=first.row,
                    name="、".join(str(result.values[h]) for h in spec.group),
                    value=_shown(result.values.get(header)),
                    other=_shown(first.values.get(header)),
                )


def _compared(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date | int | bool):
        return str(value)
    return word_of(value) or ""


def _shown(value: Any) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _find_header(path: Path, spec: RegisterSpec) -> tuple[str, int, list[list[Any]]]:
    marks = {normalise_header(header) for header in spec.marks}
    with open_workbook(path) as workbook:
        try:
            metadata = [m for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
            metadata.sort(key=lambda m: m.visible != SheetVisibleEnum.Visible)
            for meta in metadata:
                sheet = workbook.get_sheet_by_name(meta.name)
                top = sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS)
                for index, cells in enumerate(top):
                    names = {normalise_header(cell) for cell in cells}
                    if marks <= names:
                        return meta.name, index + 1, sheet.to_python(skip_empty_area=False)
        except BaseException as exc:
            reraise_interrupts(exc)
            raise unusable_file(path, exc) from None
    raise DomainError(
        "register_header_not_found",
        path=str(path),
        register=spec.title,
        headers="“" + "”“".join(spec.marks) + "”",
        command=spec.name,
    )


__all__ = [
    "SPECS",
    "ColumnSpec",
    "Kind",
    "RegisterEntry",
    "RegisterSheet",
    "RegisterSpec",
    "read_register",
    "register_spec",
    "with_problems",
]
