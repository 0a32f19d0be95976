"""Every row-problem code of DOMAIN §2 on the cell §8 says it names, and one code per cell."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from models.domain.errors import Level
from models.domain.identity import mask_identifier
from models.domain.vocabulary import DelegateType, DisabilityCategory, Gender

from .helpers import (
    codes,
    id_ending_in_x,
    only_problem,
    person,
    read,
    rendered,
    valid_id,
    wrong_check_digit,
)

ID = valid_id()  # a man born 1980-01-02
CERT = ID + "41"  # 肢体, 一级
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@pytest.mark.parametrize(
    ("cells", "column", "code", "level"),
    [
        ({"姓名": None}, "姓名", "missing_required", Level.ERROR),
        ({"性别": None}, "性别", "missing_required", Level.ERROR),
        ({"身份证号": None}, "身份证号", "missing_required", Level.ERROR),
        ({"选举单位": None}, "选举单位", "missing_required", Level.ERROR),
        ({"身份证号": 110109198001021239}, "身份证号", "id_numeric_cell", Level.ERROR),
        ({"残疾人证号": 11010919800102123941}, "残疾人证号", "id_numeric_cell", Level.ERROR),
        ({"身份证号": "11010919800102123"}, "身份证号", "id_format", Level.ERROR),
        ({"身份证号": "11010919800102123A"}, "身份证号", "id_format", Level.ERROR),
        ({"身份证号": wrong_check_digit(ID)}, "身份证号", "id_checksum", Level.ERROR),
        ({"身份证号": valid_id("19800230")}, "身份证号", "id_birthdate", Level.ERROR),
        ({"身份证号": valid_id("18991231")}, "身份证号", "id_birthdate", Level.ERROR),
        ({"身份证号": valid_id("20260602")}, "身份证号", "id_birthdate", Level.ERROR),
        ({"残疾人证号": ID + "81"}, "残疾人证号", "cert_format", Level.ERROR),
        ({"残疾人证号": ID + "4"}, "残疾人证号", "cert_format", Level.ERROR),
        (
            {"残疾人证号": valid_id(sequence="125") + "41"},
            "残疾人证号",
            "cert_id_mismatch",
            Level.ERROR,
        ),
        (
            {"残疾人证号": CERT, "残疾类别": "视力"},
            "残疾人证号",
            "cert_category_mismatch",
            Level.ERROR,
        ),
        (
            {"残疾人证号": CERT, "残疾等级": "二级"},
            "残疾人证号",
            "cert_grade_mismatch",
            Level.ERROR,
        ),
        ({"残疾类别": "盲"}, "残疾类别", "category_unknown", Level.ERROR),
        (
            {"残疾类别": "多重", "多重残疾包含类别": "视力、聋哑"},
            "多重残疾包含类别",
            "category_unknown",
            Level.ERROR,
        ),
        ({"亲友残疾类别": "智障"}, "亲友残疾类别", "category_unknown", Level.ERROR),
        ({"自强模范": "有"}, "自强模范", "bool_invalid", Level.ERROR),
        ({"基层一线": 2}, "基层一线", "bool_invalid", Level.ERROR),
        ({"助残社会组织代表": "maybe"}, "助残社会组织代表", "bool_invalid", Level.ERROR),
        ({"助残志愿者": "是的"}, "助残志愿者", "bool_invalid", Level.ERROR),
        ({"是否残疾人亲友": "亲属"}, "是否残疾人亲友", "bool_invalid", Level.ERROR),
        ({"出生日期": "1980年1月"}, "出生日期", "date_invalid", Level.ERROR),
        ({"出生日期": "1980-02-30"}, "出生日期", "date_invalid", Level.ERROR),
        ({"性别": "男性"}, "性别", "gender_invalid", Level.ERROR),
        ({"残疾等级": "五级"}, "残疾等级", "grade_invalid", Level.ERROR),
        ({"城乡": "城市"}, "城乡", "value_invalid", Level.ERROR),
        ({"代表类型": "列席"}, "代表类型", "value_invalid", Level.ERROR),
        ({"性别": "女"}, "性别", "gender_id_mismatch", Level.WARNING),
        ({"出生日期": "1980-01-03"}, "出生日期", "birthdate_id_mismatch", Level.WARNING),
        ({"残疾类别": "多重"}, "多重残疾包含类别", "multi_components_missing", Level.WARNING),
        (
            {"残疾类别": "多重", "多重残疾包含类别": "视力"},
            "多重残疾包含类别",
            "multi_components_missing",
            Level.WARNING,
        ),
        ({"是否残疾人亲友": "是"}, "亲友残疾类别", "relative_category_missing", Level.WARNING),
        ({"自强模范": "是"}, "自强模范", "model_not_disabled", Level.WARNING),
    ],
)
def test_each_code_names_its_cell(tmp_path: Path, cells, column, code, level) -> None:
    sheet = read(tmp_path, [person(**cells)])
    problem = only_problem(sheet)
    assert (problem.row, problem.column, problem.code, problem.level) == (2, column, code, level)
    assert problem.params["column"] == problem.params["label"] == column
    rendered(problem)
    if level is Level.ERROR:
        assert sheet.excluded_rows == (2,) and sheet.counted == 0
    else:
        assert sheet.excluded_rows == () and sheet.counted == 1


def test_value_params_where_the_message_quotes_the_cell(tmp_path: Path) -> None:
    sheet = read(tmp_path, [person(自强模范="有", 城乡="城市", 残疾类别="视障", 残疾等级="5")])
    by_code = {problem.code: problem for problem in sheet.problems}
    assert by_code["bool_invalid"].params["value"] == "有"
    assert by_code["value_invalid"].params["value"] == "城市"
    assert by_code["value_invalid"].params["choices"] == "城镇、农村"
    assert by_code["category_unknown"].params["value"] == "视障"
    assert "视障" in rendered(by_code["category_unknown"])
    assert by_code["grade_invalid"].params["value"] == "5"


def test_old_15_digit_id_asks_for_18_digits(tmp_path: Path) -> None:
    problem = only_problem(read(tmp_path, [person(身份证号="110109800102123")]))
    assert problem.code == "id_format"
    assert "18位" in rendered(problem)


def test_dup_id_on_every_row_with_the_same_normalised_id(tmp_path: Path) -> None:
    with_x = id_ending_in_x()
    rows = [
        person(身份证号=with_x),
        person(姓名="李四", 身份证号=valid_id(sequence="135")),
        person(姓名="王五", 身份证号=with_x.lower()),
        # Full-width digits and spaces inside: the same ID after normalising.
        person(姓名="赵六", 身份证号=" " + with_x[:9].translate(FULL_WIDTH) + " " + with_x[9:]),
    ]
    sheet = read(tmp_path, rows)
    dup = [problem for problem in sheet.problems if problem.code == "dup_id"]
    assert [(p.row, p.column) for p in dup] == [(2, "身份证号"), (4, "身份证号"), (5, "身份证号")]
    # Each row names the others, not itself.
    assert [(p.params["rows"], p.params["count"]) for p in dup] == [
        ("4、5", 2),
        ("2、5", 2),
        ("2、4", 2),
    ]
    assert {p.params["id_number"] for p in dup} == {mask_identifier(with_x)}
    assert "与第 4、5 行重复" in rendered(dup[0])
    assert sheet.excluded_rows == (2, 4, 5) and sheet.counted == 1


def test_one_cell_gets_the_first_code_in_table_order(tmp_path: Path) -> None:
    rows = [
        # 15 digits with a bad birth date: the format is reported, not the date.
        person(身份证号="110109801302123"),
        # Wrong check digit and an impossible birth date: only the check digit.
        person(身份证号=wrong_check_digit(valid_id("19801340"))),
        # Blank gender: missing, not invalid.
        person(性别="  ", 身份证号=valid_id(sequence="101")),
        # Certificate of another person and another category: only the ID mismatch.
        person(残疾人证号=ID + "11", 残疾类别="肢体", 身份证号=valid_id(sequence="111")),
        # A numeric certificate is reported as numeric even though its shape is also wrong.
        person(残疾人证号=12345, 身份证号=valid_id(sequence="121")),
        # 多重 listed as a component of 多重: unknown, not "components missing".
        person(残疾类别="多重", 多重残疾包含类别="多重、视力", 身份证号=valid_id(sequence="131")),
        # An unreadable 自强模范 gets bool_invalid, not also model_not_disabled.
        person(自强模范="优秀", 身份证号=valid_id(sequence="141")),
    ]
    sheet = read(tmp_path, rows)
    assert codes(sheet) == [
        (2, "身份证号", "id_format"),
        (3, "身份证号", "id_checksum"),
        (4, "性别", "missing_required"),
        (5, "残疾人证号", "cert_id_mismatch"),
        (6, "残疾人证号", "id_numeric_cell"),
        (7, "多重残疾包含类别", "category_unknown"),
        (8, "自强模范", "bool_invalid"),
    ]


def test_checks_against_the_id_run_only_when_the_id_is_valid(tmp_path: Path) -> None:
    bad = wrong_check_digit(ID)
    row = person(
        身份证号=bad, 性别="女", 出生日期="1999-09-09", 残疾人证号=valid_id(sequence="125") + "41"
    )
    sheet = read(tmp_path, [row, person(姓名="李四", 身份证号=bad)])
    # No gender/birth-date/cert mismatch, and an invalid ID is never a duplicate.
    assert codes(sheet) == [(2, "身份证号", "id_checksum"), (3, "身份证号", "id_checksum")]


def test_problems_sort_by_row_then_the_sheets_column_order(tmp_path: Path) -> None:
    headers = ["城乡", "自强模范", "姓名", "身份证号", "性别", "选举单位"]
    rows = [
        person(城乡="x", 自强模范="x", 性别="x"),
        person(姓名=None, 城乡="x", 身份证号=valid_id(sequence="135")),
    ]
    sheet = read(tmp_path, rows, headers=headers)
    assert codes(sheet) == [
        (2, "城乡", "value_invalid"),
        (2, "自强模范", "bool_invalid"),
        (2, "性别", "gender_invalid"),
        (3, "城乡", "value_invalid"),
        (3, "姓名", "missing_required"),
    ]


def test_unit_unknown_only_with_known_units(tmp_path: Path) -> None:
    rows = [
        person(选举单位="大峪街道"),
        person(姓名="李四", 身份证号=valid_id(sequence="135"), 选举单位="外星"),
    ]
    assert read(tmp_path, rows).problems == ()
    sheet = read(tmp_path, rows, known_units=["大峪街道", "斋堂镇"])
    problem = only_problem(sheet)
    assert (problem.row, problem.column, problem.code) == (3, "选举单位", "unit_unknown")
    assert problem.params["value"] == "外星" and problem.params["choices"] == "大峪街道、斋堂镇"
    assert "斋堂镇" in rendered(problem)


def test_known_unit_matched_despite_spaces_and_full_width(tmp_path: Path) -> None:
    sheet = read(tmp_path, [person(选举单位=" 大峪 街道 ")], known_units=["大峪街道"])
    assert sheet.problems == ()
    assert sheet.records[0].electoral_unit == "大峪街道"


def test_presidium_needs_no_electoral_unit(tmp_path: Path) -> None:
    row = person()
    del row["选举单位"]
    sheet = read(tmp_path, [row], body="presidium")
    assert sheet.problems == () and sheet.records[0].electoral_unit is None


def test_a_full_valid_row_becomes_a_record(tmp_path: Path) -> None:
    row = person(
        民族="汉族",
        出生日期=datetime(1980, 1, 2),
        工作单位及职务="大峪街道残联 专职委员",
        政治面貌="群众",
        联系电话=13800000000,
        备注="连任",
        代表类型="特邀",
        残疾人证号=ID.replace("9", "９") + "72",
        残疾类别="多重残疾",
        残疾等级=2,
        多重残疾包含类别="视力,听力 言语",
        是否残疾人亲友="Y",
        亲友残疾类别="智力、精神残疾",
        城乡="农村",
        自强模范="√",
        基层一线="TRUE",
        助残社会组织代表=0,
        助残志愿者="×",
        爱好="书法",
    )
    sheet = read(tmp_path, [row])
    assert sheet.problems == ()
    record = sheet.records[0]
    assert record.row == 2 and record.name == "张三" and record.gender is Gender.MALE
    assert record.id_number == ID and record.cert_number == ID + "72"
    assert record.electoral_unit == "大峪街道" and record.delegate_type is DelegateType.INVITED
    assert record.category is DisabilityCategory.MULTIPLE and record.grade == 2
    assert record.multi_components == (
        DisabilityCategory.VISION,
        DisabilityCategory.HEARING,
        DisabilityCategory.SPEECH,
    )
    assert record.is_relative and record.relative_categories == (
        DisabilityCategory.INTELLECTUAL,
        DisabilityCategory.PSYCHOSOCIAL,
    )
    assert record.is_rural is True and record.is_role_model and record.is_frontline
    assert not record.is_org_representative and not record.is_volunteer
    assert record.ethnicity == "汉族" and record.birth_date == date(1980, 1, 2)
    assert record.phone == "13800000000" and record.political_status == "群众"
    assert record.work_unit_and_post == "大峪街道残联 专职委员"
    assert dict(record.remarks) == {"备注": "连任", "爱好": "书法"}


def test_a_valid_certificate_alone_implies_category_and_grade(tmp_path: Path) -> None:
    sheet = read(tmp_path, [person(残疾人证号=ID[:17] + ID[17].lower() + "13")])
    record = sheet.records[0]
    assert record.category is DisabilityCategory.VISION and record.grade == 3
    assert record.is_disabled


def test_defaults_and_blanks(tmp_path: Path) -> None:
    record = read(tmp_path, [person(城乡="城镇")]).records[0]
    assert record.delegate_type is DelegateType.REGULAR and record.is_rural is False
    assert record.category is None and not record.is_relative and not record.is_role_model
    assert record.birth_date == date(1980, 1, 2)  # taken from the ID when the cell is blank


def test_relative_by_category_alone_and_multi_category_relative(tmp_path: Path) -> None:
    record = read(tmp_path, [person(亲友残疾类别="多重")]).records[0]
    assert not record.is_relative and record.is_relative_of_disabled
    assert record.relative_categories == (DisabilityCategory.MULTIPLE,)


def test_components_are_ignored_unless_the_category_is_multiple(tmp_path: Path) -> None:
    record = read(tmp_path, [person(残疾类别="肢体", 多重残疾包含类别="视力、听力")]).records[0]
    assert record.category is DisabilityCategory.PHYSICAL and record.multi_components == ()


@pytest.mark.parametrize(
    "word", ["是", "Y", "y", "YES", "Yes", "true", "TRUE", "1", 1, 1.0, True, "√", "✓", "Ｙ"]
)
def test_yes_words(tmp_path: Path, word) -> None:
    assert read(tmp_path, [person(基层一线=word)]).records[0].is_frontline is True


@pytest.mark.parametrize(
    "word", ["否", "N", "no", "No", "false", "FALSE", "0", 0, False, "×", "  "]
)
def test_no_words(tmp_path: Path, word) -> None:
    assert read(tmp_path, [person(基层一线=word)]).records[0].is_frontline is False


@pytest.mark.parametrize(
    "value",
    [
        date(1980, 1, 2),
        datetime(1980, 1, 2, 0, 0),
        "1980-01-02",
        "1980-1-2",
        "1980/1/2",
        "1980.01.02",
        "19800102",
        19800102,
        "1980年1月2日",
        "１９８０年１月２日",
    ],
)
def test_date_formats(tmp_path: Path, value) -> None:
    sheet = read(tmp_path, [person(出生日期=value)])
    assert sheet.problems == ()
    assert sheet.records[0].birth_date == date(1980, 1, 2)


@pytest.mark.parametrize("value", ["1980-01-02 08:00", "02/01/1980", "1980年1月2", "80-1-2", 1.5])
def test_dates_outside_the_list_are_invalid(tmp_path: Path, value) -> None:
    problem = only_problem(read(tmp_path, [person(出生日期=value)]))
    assert (problem.column, problem.code) == ("出生日期", "date_invalid")


@pytest.mark.parametrize("value", ["一级", "1", 1, "４"])
def test_grades(tmp_path: Path, value) -> None:
    sheet = read(tmp_path, [person(残疾类别="视力残疾", 残疾等级=value)])
    assert sheet.problems == ()


def test_counting(tmp_path: Path) -> None:
    rows = [
        person(),
        None,  # blank rows are not data
        person(姓名="李四", 身份证号=valid_id(sequence="135"), 城乡="城市"),
        {"姓名": "  ", "性别": None},  # only spaces: blank too
        person(姓名="王五", 身份证号=valid_id(sequence="144"), 性别="女", 自强模范="是"),
        {"备注": "以下空白"},  # text in any column makes a data row
    ]
    sheet = read(tmp_path, rows)
    assert sheet.total == 4
    assert sheet.excluded_rows == (4, 7)
    assert sheet.counted == 2 == len(sheet.records)
    assert [record.row for record in sheet.records] == [2, 6]
    assert [row for row, _ in sheet.raw_rows] == [2, 4, 6, 7]
    assert any(p.level is Level.WARNING for p in sheet.problems if p.row == 6)
