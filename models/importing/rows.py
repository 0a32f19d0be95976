"""Checking one slate row cell by cell, each cell's codes tried in DOMAIN §2's table order."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from models.domain.disability import (
    parse_category,
    parse_component_list,
    parse_grade,
    split_categories,
)
from models.domain.errors import Level
from models.domain.identity import (
    birth_date_of,
    category_of_cert,
    cert_number_problem,
    gender_of,
    grade_of_cert,
    id_number_problem,
    normalise_identifier,
    read_id_number,
)
from models.domain.slate import RowProblem, SlateRecord, slate_record
from models.domain.vocabulary import (
    DelegateType,
    DisabilityCategory,
    Employment,
    Gender,
    Position,
    UrbanRural,
)
from models.importing.cells import is_number, parse_bool, parse_date, plain_value, text_of, word_of

_Word = TypeVar("_Word", bound=StrEnum)

FLAG_FIELDS = {
    "自强模范": "is_role_model",
    "基层一线": "is_frontline",
    "助残社会组织代表": "is_org_representative",
    "助残志愿者": "is_volunteer",
}
FREE_TEXT_FIELDS = {
    "民族": "ethnicity",
    "工作单位及职务": "work_unit_and_post",
    "政治面貌": "political_status",
    "联系电话": "phone",
}


@dataclass(frozen=True, slots=True)
class PositionRule:
    """A roster's 职务 column: the body's positions, and what a blank cell means."""

    body: str  # the body's name, for the message
    allowed: tuple[Position, ...]
    default: Position | None  # the ordinary member's position; None: the cell is required
    has_employment: bool  # 任职方式 (专职/兼职/挂职): the executive council's only


@dataclass(frozen=True, slots=True)
class RowContext:
    """What every row of one sheet is checked against."""

    columns: Mapping[str, int]
    remark_columns: tuple[tuple[str, int], ...]
    congress: bool
    today: date
    known_units: Sequence[str] | None
    positions: PositionRule | None = None  # a roster's; a slate has no 职务 column


@dataclass
class RowResult:
    """One row's problems and the record it makes if, after the duplicate check, it has no error."""

    row: int
    record: SlateRecord
    problems: list[RowProblem] = field(default_factory=list)
    id_number: str | None = None  # set only when the ID itself is valid
    position: Position | None = None  # a roster row's
    employment: Employment | None = None

    @property
    def has_error(self) -> bool:
        return bool(self.problems) and any(p.level is Level.ERROR for p in self.problems)


class _Cells:
    """The row's cells by canonical header; remembers which cell already has its one code."""

    def __init__(self, row: int, values: tuple[Any, ...], context: RowContext) -> None:
        self.row = row
        self.values = values
        self.context = context
        self.problems: dict[str, RowProblem] = {}

    def raw(self, header: str) -> Any:
        index = self.context.columns.get(header)
        return None if index is None else self.values[index]

    def add(self, header: str, code: str, level: Level = Level.ERROR, **params: Any) -> None:
        if header in self.problems:  # one cell gets one code: the first found wins
            return
        params = {"column": header, "label": header, **params}
        self.problems[header] = RowProblem(self.row, header, code, level, params)

    def choice(self, header: str, vocabulary: type[_Word], code: str) -> _Word | None:
        raw = self.raw(header)
        if raw is None:
            return None
        word = word_of(raw)  # None for a cell of white space only: no member's name
        if word is not None:
            try:
                return vocabulary(word)
            except ValueError:
                pass
        choices = "、".join(member.value for member in vocabulary)
        self.add(header, code, value=text_of(raw), choices=choices)
        return None

    def flag(self, header: str) -> bool:
        raw = self.raw(header)
        if raw is None:
            return False
        answer = parse_bool(raw)
        if answer is None:
            self.add(header, "bool_invalid", value=text_of(raw))
            return False
        return answer

    def categories(self, header: str, *, allow_multiple: bool) -> tuple[DisabilityCategory, ...]:
        text = text_of(self.raw(header))
        if text is None:
            return ()
        found, problem = parse_component_list(split_categories(text), allow_multiple=allow_multiple)
        if problem is not None:
            self.add(header, problem.code, **problem.params)
        return tuple(found)


def check_rows(
    rows: Sequence[tuple[int, tuple[Any, ...]]],
    by_column: Sequence[Sequence[Any]],
    context: RowContext,
) -> list[RowResult]:
    """check_row for every row, faster: each column's distinct values are read once (yes/no,
    categories, grades and units repeat thousands of times), then each row is put together from
    its cells' readings. A row with anything to report, or only possibly so, is checked again by
    check_row itself, so that its problems are exactly check_row's; the others have none.

    `by_column` holds the rows' cells column by column (SheetTable.by_column).
    """
    count = len(rows)
    unclear: set[int] = set()  # rows check_row reads again

    def column(header: str, read: Callable[[Any], tuple[Any, bool]]) -> list[Any]:
        index = context.columns.get(header)
        cells = by_column[index] if index is not None else None
        values, doubtful = read_column(cells, read, count)
        unclear.update(doubtful)
        return values

    names = column("姓名", _read_name)
    ids = column("身份证号", _id_reader(context.today))
    genders = column("性别", _read_gender)
    units = column("选举单位", _unit_reader(context))
    positions = column("职务", _position_reader(context.positions))
    births = column("出生日期", _read_birth_date)
    delegate_types = column("代表类型", _choice_reader(DelegateType))
    categories = column("残疾类别", _read_category)
    grades = column("残疾等级", _read_grade)
    certs = column("残疾人证号", _read_cert)
    components = column("多重残疾包含类别", _categories_reader(allow_multiple=False))
    relatives = column("是否残疾人亲友", _read_flag)
    relative_categories = column("亲友残疾类别", _categories_reader(allow_multiple=True))
    rural = column("城乡", _read_urban_rural)
    role_models, frontline, org_representatives, volunteers = (
        column(header, _read_flag) for header in FLAG_FIELDS
    )
    ethnicities, work_units, political, phones = (
        column(header, _read_text) for header in FREE_TEXT_FIELDS
    )
    notes = column("备注", _read_text)
    remarks = [(key, column_of(by_column[index])) for key, index in context.remark_columns]
    rule = context.positions
    employments = (
        column("任职方式", _choice_reader(Employment))
        if rule is not None and rule.has_employment
        else None
    )

    results: list[RowResult] = []
    for at, (row, values) in enumerate(rows):
        if at in unclear:
            results.append(check_row(row, values, context))
            continue
        id_number, from_id = ids[at]  # a clear row has a valid ID, 性别 and so on
        gender = genders[at]
        born = births[at]  # None when the cell is blank: then the ID's
        if gender_of(id_number) is not gender or (born is not None and born != from_id):
            results.append(check_row(row, values, context))
            continue
        if born is None:
            born = from_id
        category, category_given = categories[at]
        grade, grade_given = grades[at]
        cert = certs[at]
        if cert is not None:
            if cert_number_problem(cert, id_number=id_number, category=category, grade=grade):
                results.append(check_row(row, values, context))
                continue
            if not category_given:
                category = category_of_cert(cert)
            if not grade_given:
                grade = grade_of_cert(cert)
        parts = components[at][0] if category is DisabilityCategory.MULTIPLE else ()
        is_relative = relatives[at]
        related, related_given = relative_categories[at]
        role_model = role_models[at]
        if (
            (category is DisabilityCategory.MULTIPLE and len(parts) < 2)
            or (is_relative and not related_given)
            or (role_model and category is None)
        ):
            results.append(check_row(row, values, context))
            continue
        remark: dict[str, Any] = {}
        note = notes[at]
        if note is not None:
            remark["备注"] = note
        for key, cells in remarks:
            if cells[at] is not None:
                remark[key] = cells[at]
        # In SlateRecord's field order: ~1.6 µs a record, against ~5 µs through a dict of
        # keywords (the equivalence tests compare every field with check_row's).
        record = slate_record(
            row,
            names[at],
            gender,
            id_number,
            units[at],
            delegate_types[at] or DelegateType.REGULAR,
            cert,
            category,
            grade,
            parts,
            is_relative,
            related,
            rural[at],
            role_model,
            frontline[at],
            org_representatives[at],
            volunteers[at],
            ethnicities[at],
            born,
            work_units[at],
            political[at],
            phones[at],
            remark,
            None,  # key: a sheet's record has no membership
        )
        employment = None if employments is None else employments[at]
        results.append(RowResult(row, record, [], id_number, positions[at], employment))
    return results


def read_column(
    cells: Sequence[Any] | None, read: Callable[[Any], tuple[Any, bool]], count: int
) -> tuple[list[Any], list[int]]:
    """read(cell) for each of `count` cells (all None when the sheet lacks the column), once per
    distinct value: its values, and the rows where read said the cell is not clear.

    Cells of different types that compare equal (1, 1.0 and True; a date and …) are told apart.
    """
    if cells is None:
        value, clear = read(None)
        return [value] * count, ([] if clear else list(range(count)))
    kinds = set(map(type, cells)) - {type(None)}
    if len(kinds) <= 1:  # one type (all text, all dates …): equal values read alike
        keys: Sequence[Any] = cells
        readings = {cell: read(cell) for cell in set(cells)}
    else:
        keys = list(zip(map(type, cells), cells, strict=True))
        readings = {key: read(key[1]) for key in set(keys)}
    value_of = {key: value for key, (value, _) in readings.items()}
    values = list(map(value_of.__getitem__, keys))
    doubtful = {key for key, (_, clear) in readings.items() if not clear}
    return values, [at for at, key in enumerate(keys) if key in doubtful] if doubtful else []


def column_of(cells: Sequence[Any]) -> list[Any]:
    """A remark column as check_row keeps it (plain_value), each distinct value read once."""
    return read_column(cells, lambda cell: (plain_value(cell), True), len(cells))[0]


def check_row(row: int, values: tuple[Any, ...], context: RowContext) -> RowResult:
    """All problems of one row except dup_id, which needs the other rows."""
    cells = _Cells(row, values, context)
    name = text_of(cells.raw("姓名"))
    if name is None:
        cells.add("姓名", "missing_required")
    id_number = _id_number(cells)
    gender = _gender(cells, id_number)
    unit = _electoral_unit(cells)
    position = _position(cells)
    birth_date = _birth_date(cells, id_number)
    delegate_type = cells.choice("代表类型", DelegateType, "value_invalid") or DelegateType.REGULAR
    category, grade, cert = _disability(cells, id_number)
    components = cells.categories("多重残疾包含类别", allow_multiple=False)
    if category is not DisabilityCategory.MULTIPLE:
        components = ()  # DOMAIN §2: the column is read for 多重 only
    elif len(components) < 2:
        # "two or more": one component names no multiple disability; count in no category.
        components = ()
        cells.add("多重残疾包含类别", "multi_components_missing", Level.WARNING)
    is_relative = cells.flag("是否残疾人亲友")
    relative_categories = cells.categories("亲友残疾类别", allow_multiple=True)
    if is_relative and text_of(cells.raw("亲友残疾类别")) is None:
        cells.add("亲友残疾类别", "relative_category_missing", Level.WARNING)
    urban_rural = cells.choice("城乡", UrbanRural, "value_invalid")
    flags = {attribute: cells.flag(header) for header, attribute in FLAG_FIELDS.items()}
    disability_unknown = "残疾类别" in cells.problems or "残疾人证号" in cells.problems
    if flags["is_role_model"] and category is None and not disability_unknown:
        cells.add("自强模范", "model_not_disabled", Level.WARNING)
    fields: dict[str, Any] = {
        "name": name or "",
        "gender": gender,
        "id_number": id_number,
        "electoral_unit": unit,
        "delegate_type": delegate_type,
        "cert_number": cert,
        "category": category,
        "grade": grade,
        "multi_components": components,
        "is_relative": is_relative,
        "relative_categories": relative_categories,
        "is_rural": None if urban_rural is None else urban_rural is UrbanRural.RURAL,
        "birth_date": birth_date,
        "remarks": _remarks(cells),
        **flags,
        **{attr: text_of(cells.raw(header)) for header, attr in FREE_TEXT_FIELDS.items()},
    }
    employment = None
    rule = context.positions
    if rule is not None and rule.has_employment:
        employment = cells.choice("任职方式", Employment, "value_invalid")
    record = SlateRecord(row=row, **fields)
    return RowResult(row, record, list(cells.problems.values()), id_number, position, employment)


def _position(cells: _Cells) -> Position | None:
    rule = cells.context.positions
    if rule is None:
        return None
    raw = cells.raw("职务")
    if raw is None:
        if rule.default is None:
            cells.add("职务", "missing_required")
        return rule.default
    word = word_of(raw)
    for position in rule.allowed:
        if position.value == word:
            return position
    choices = "、".join(position.value for position in rule.allowed)
    cells.add(
        "职务", "roster_position_unknown", value=text_of(raw), body=rule.body, choices=choices
    )
    return None


def _id_number(cells: _Cells) -> str | None:
    """The normalised ID when it is valid; the row's other checks against the ID need that."""
    raw = cells.raw("身份证号")
    if raw is None:
        cells.add("身份证号", "missing_required")
        return None
    if is_number(raw):
        cells.add("身份证号", "id_numeric_cell")
        return None
    normalised = normalise_identifier(text_of(raw) or "")
    problem = id_number_problem(normalised, today=cells.context.today)
    if problem is not None:
        cells.add("身份证号", problem.code, **problem.params)
        return None
    return normalised


def _gender(cells: _Cells, id_number: str | None) -> Gender | None:
    if cells.raw("性别") is None:
        cells.add("性别", "missing_required")
        return None
    gender = cells.choice("性别", Gender, "gender_invalid")
    if gender is not None and id_number is not None and gender_of(id_number) is not gender:
        cells.add("性别", "gender_id_mismatch", Level.WARNING)
    return gender


def _electoral_unit(cells: _Cells) -> str | None:
    unit = text_of(cells.raw("选举单位"))
    if unit is None:
        if cells.context.congress:
            cells.add("选举单位", "missing_required")
        return None
    known = cells.context.known_units
    if known is None:
        return unit
    # Match as clerks type: full-width letters and stray spaces do not make another unit.
    by_word = {word_of(choice): choice for choice in known}
    if word_of(unit) in by_word:
        return by_word[word_of(unit)]
    # Day one: a term without units yet; the import offers to create them.
    choices = "、".join(known) or "（尚未设置选举单位）"
    cells.add("选举单位", "unit_unknown", value=unit, choices=choices)
    return unit


def _birth_date(cells: _Cells, id_number: str | None) -> date | None:
    raw = cells.raw("出生日期")
    from_id = birth_date_of(id_number) if id_number is not None else None
    if raw is None:
        return from_id  # the ID carries it; §7's age bands need it
    born = parse_date(raw)
    if born is None:
        cells.add("出生日期", "date_invalid", value=text_of(raw))
        return None
    if from_id is not None and born != from_id:
        cells.add("出生日期", "birthdate_id_mismatch", Level.WARNING)
    return born


def _disability(
    cells: _Cells, id_number: str | None
) -> tuple[DisabilityCategory | None, int | None, str | None]:
    """Category, grade and certificate; a valid certificate alone implies the first two."""
    category_text = text_of(cells.raw("残疾类别"))
    category = None if category_text is None else parse_category(category_text)
    if category_text is not None and category is None:
        cells.add("残疾类别", "category_unknown", value=category_text)
    raw_grade = cells.raw("残疾等级")
    grade = None if raw_grade is None else parse_grade(raw_grade)
    if raw_grade is not None and grade is None:
        cells.add("残疾等级", "grade_invalid", value=text_of(raw_grade))
    raw_cert = cells.raw("残疾人证号")
    if raw_cert is None:
        return category, grade, None
    if is_number(raw_cert):
        cells.add("残疾人证号", "id_numeric_cell")
        return category, grade, None
    cert = normalise_identifier(text_of(raw_cert) or "")
    problem = cert_number_problem(cert, id_number=id_number, category=category, grade=grade)
    if problem is not None:
        cells.add("残疾人证号", problem.code, **problem.params)
        return category, grade, None
    if category_text is None:
        category = category_of_cert(cert)
    if raw_grade is None:
        grade = grade_of_cert(cert)
    return category, grade, cert


def _remarks(cells: _Cells) -> dict[str, Any]:
    """备注 and every column the template does not name, so nothing a unit typed is lost."""
    remarks: dict[str, Any] = {}
    note = text_of(cells.raw("备注"))
    if note is not None:
        remarks["备注"] = note
    for key, index in cells.context.remark_columns:
        value = plain_value(cells.values[index])
        if value is not None:
            remarks[key] = value
    return remarks


# --- one cell's reading for check_rows: (value, clear); not clear when check_row would report
# something about the cell itself. Each mirrors check_row's own steps for its column.


def _read_name(raw: Any) -> tuple[str | None, bool]:
    name = text_of(raw)
    return name, name is not None


def _id_reader(today: date) -> Callable[[Any], tuple[tuple[str, date | None] | None, bool]]:
    """(the normalised ID, its birth date): the row then needs no second reading of the date."""

    def read(raw: Any) -> tuple[tuple[str, date | None] | None, bool]:
        if raw is None or is_number(raw):
            return None, False
        normalised = normalise_identifier(text_of(raw) or "")
        problem, born = read_id_number(normalised, today=today)
        return (None, False) if problem is not None else ((normalised, born), True)

    return read


def _choice_reader(vocabulary: type[_Word]) -> Callable[[Any], tuple[_Word | None, bool]]:
    def read(raw: Any) -> tuple[_Word | None, bool]:
        if raw is None:
            return None, True
        word = word_of(raw)
        if word is not None:
            try:
                return vocabulary(word), True
            except ValueError:
                pass
        return None, False

    return read


_read_choice_of_gender = _choice_reader(Gender)


def _read_gender(raw: Any) -> tuple[Gender | None, bool]:
    if raw is None:
        return None, False
    return _read_choice_of_gender(raw)


def _unit_reader(context: RowContext) -> Callable[[Any], tuple[str | None, bool]]:
    known = context.known_units
    by_word = None if known is None else {word_of(choice): choice for choice in known}

    def read(raw: Any) -> tuple[str | None, bool]:
        unit = text_of(raw)
        if unit is None:
            return None, not context.congress
        if by_word is None:
            return unit, True
        word = word_of(unit)
        if word in by_word:
            return by_word[word], True
        return unit, False

    return read


def _position_reader(rule: PositionRule | None) -> Callable[[Any], tuple[Position | None, bool]]:
    def read(raw: Any) -> tuple[Position | None, bool]:
        if rule is None:
            return None, True
        if raw is None:
            return rule.default, rule.default is not None
        word = word_of(raw)
        for position in rule.allowed:
            if position.value == word:
                return position, True
        return None, False

    return read


def _read_birth_date(raw: Any) -> tuple[date | None, bool]:
    if raw is None:
        return None, True
    born = parse_date(raw)
    return born, born is not None


def _read_category(raw: Any) -> tuple[tuple[DisabilityCategory | None, bool], bool]:
    """((category, the cell is filled), clear)."""
    text = text_of(raw)
    if text is None:
        return (None, False), True
    category = parse_category(text)
    return (category, True), category is not None


def _read_grade(raw: Any) -> tuple[tuple[int | None, bool], bool]:
    if raw is None:
        return (None, False), True
    grade = parse_grade(raw)
    return (grade, True), grade is not None


def _read_cert(raw: Any) -> tuple[str | None, bool]:
    """The normalised number; checked against the row's ID, category and grade by the caller."""
    if raw is None:
        return None, True
    if is_number(raw):
        return None, False
    return normalise_identifier(text_of(raw) or ""), True


def _categories_reader(
    *, allow_multiple: bool
) -> Callable[[Any], tuple[tuple[tuple[DisabilityCategory, ...], bool], bool]]:
    def read(raw: Any) -> tuple[tuple[tuple[DisabilityCategory, ...], bool], bool]:
        text = text_of(raw)
        if text is None:
            return ((), False), True
        found, problem = parse_component_list(split_categories(text), allow_multiple=allow_multiple)
        return (tuple(found), True), problem is None

    return read


def _read_urban_rural(raw: Any) -> tuple[bool | None, bool]:
    """is_rural: 农村 True, 城镇 False, blank None."""
    urban_rural, clear = _read_choice_of_urban_rural(raw)
    return (None if urban_rural is None else urban_rural is UrbanRural.RURAL), clear


_read_choice_of_urban_rural = _choice_reader(UrbanRural)


def _read_flag(raw: Any) -> tuple[bool, bool]:
    if raw is None:
        return False, True
    answer = parse_bool(raw)
    return (False, False) if answer is None else (answer, True)


def _read_text(raw: Any) -> tuple[str | None, bool]:
    return text_of(raw), True
