"""The official slate and roster templates: exact headers, ID columns as text, drop-downs, and an
instructions sheet."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from models.documents.xlsx_cells import append_row, write_cell

# (header, required, width, instruction, example) in the template's column order.
COLUMNS: tuple[tuple[str, bool, int, str, str], ...] = (
    ("姓名", True, 10, "必填。", "张三"),
    ("性别", True, 6, "必填：男 或 女。", "男"),
    (
        "身份证号",
        True,
        22,
        "必填：18位居民身份证号，最后一位可以是X。本列已设为文本，请勿改为数字。",
        "110109198001021239",
    ),
    (
        "选举单位",
        False,
        12,
        "代表名单必填：所在街道或镇，如 大峪街道、斋堂镇；主席团名单可不填。",
        "大峪街道",
    ),
    ("民族", False, 8, "如 汉族、回族。", "汉族"),
    (
        "出生日期",
        False,
        12,
        "可填日期，或 1980-01-02、1980/1/2、19800102、1980年1月2日。",
        "1980-01-02",
    ),
    ("工作单位及职务", False, 24, "自由填写。", "大峪街道残联 专职委员"),
    ("政治面貌", False, 10, "如 中共党员、群众。", "群众"),
    ("联系电话", False, 14, "自由填写。", "13800000000"),
    ("代表类型", False, 8, "正式 或 特邀；不填为正式。", "正式"),
    (
        "残疾人证号",
        False,
        24,
        "20位：18位身份证号 + 残疾类别（1–7）+ 残疾等级（1–4）。本列已设为文本。",
        "11010919800102123941",
    ),
    ("残疾类别", False, 10, "视力、听力、言语、肢体、智力、精神、多重（可加“残疾”二字）。", "肢体"),
    ("残疾等级", False, 8, "一级、二级、三级、四级（或 1–4）。", "一级"),
    ("多重残疾包含类别", False, 16, "仅“多重”填写：两个以上单一类别，用顿号、逗号或空格分隔。", ""),
    ("是否残疾人亲友", False, 10, "是/否：残疾人的亲属、监护人或亲友。", "否"),
    ("亲友残疾类别", False, 12, "亲友所照顾的残疾人的类别，可填多个。", ""),
    ("城乡", False, 8, "城镇 或 农村（农村指居住在村委会辖区）。", "城镇"),
    ("自强模范", False, 8, "是/否。", "否"),
    (
        "基层一线",
        False,
        8,
        "是/否：如基层残疾人工作者（专职委员）、社区和村工作者、一线职工、农民。",
        "是",
    ),
    ("助残社会组织代表", False, 10, "是/否。", "否"),
    ("助残志愿者", False, 8, "是/否。", "否"),
    ("备注", False, 20, "自由填写。表中未列出的列也会作为备注保存。", ""),
)
TEXT_COLUMNS = ("身份证号", "残疾人证号")
CHOICES = {
    "性别": "男,女",
    "代表类型": "正式,特邀",
    "残疾类别": "视力,听力,言语,肢体,智力,精神,多重",
    "残疾等级": "一级,二级,三级,四级",
    "城乡": "城镇,农村",
    "是否残疾人亲友": "是,否",
    "自强模范": "是,否",
    "基层一线": "是,否",
    "助残社会组织代表": "是,否",
    "助残志愿者": "是,否",
}
# The roster's own columns, after 选举单位: the post held and (executive council) how it is held.
ROSTER_COLUMNS: tuple[tuple[str, bool, int, str, str], ...] = (
    (
        "职务",
        False,
        12,
        "主席团：主席、副主席、委员；执行理事会：理事长、副理事长、秘书长、理事；"
        "专门协会：协会主席、协会副主席、委员；代表大会均为代表。"
        "除代表大会外本列必须保留；单元格不填即为一般成员（代表、委员、理事）。",
        "委员",
    ),
    ("任职方式", False, 10, "仅执行理事会填写：专职、兼职 或 挂职。", "专职"),
)
ROSTER_CHOICES = {
    "职务": "代表,主席,副主席,委员,理事长,副理事长,秘书长,理事,协会主席,协会副主席",
    "任职方式": "专职,兼职,挂职",
}
DATA_ROWS = 1000


def write_template(path: Path) -> Path:
    """The slate template (代表/委员候选人名单)."""
    return _write(path, COLUMNS, CHOICES)


def write_roster_template(path: Path) -> Path:
    """The sitting roster's template: the slate's columns with 职务 and 任职方式 after 选举单位."""
    after = [header for header, *_ in COLUMNS].index("选举单位") + 1
    columns = (*COLUMNS[:after], *ROSTER_COLUMNS, *COLUMNS[after:])
    return _write(path, columns, {**CHOICES, **ROSTER_CHOICES})


def _write(
    path: Path,
    columns: tuple[tuple[str, bool, int, str, str], ...],
    choices: dict[str, str],
) -> Path:
    """The data sheet first (the reader takes the first sheet with a header), instructions after."""
    book = Workbook()
    sheet = book.active
    sheet.title = "名单"
    header_font = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for index, (header, required, width, _instruction, _example) in enumerate(columns, start=1):
        cell = write_cell(sheet, 1, index, header)
        cell.font = header_font
        cell.alignment = Alignment(horizontal="center")
        if required:
            cell.fill = required_fill
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = width
        if header in TEXT_COLUMNS:
            # Excel would turn an 18-digit number into 1.10109E+17 and lose the last digits.
            for row in range(2, DATA_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
        if header in choices:
            validation = DataValidation(
                type="list",
                formula1=f'"{choices[header]}"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="取值无效",
                error=f"{header}请从下拉列表中选择。",
            )
            validation.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"

    notes = book.create_sheet("填写说明")
    for cell in append_row(notes, ["列名", "是否必填", "填写说明", "示例"]):
        cell.font = header_font
    for header, required, _width, instruction, example in columns:
        append_row(notes, [header, "必填" if required else "选填", instruction, example])
    for row in notes.iter_rows(min_row=2, min_col=4, max_col=4):
        for cell in row:
            cell.number_format = "@"
    append_row(notes, [])
    append_row(
        notes,
        [
            "说明",
            "",
            "每人一行，从第2行开始填写；不要合并单元格，不要改动第1行的列名。列的顺序可以调整。",
            "",
        ],
    )
    for letter, width in zip("ABCD", (18, 10, 70, 24), strict=True):
        notes.column_dimensions[letter].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
