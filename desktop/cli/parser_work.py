"""The arguments of the commands about the federation's work: people, meetings, motions,
decisions, checks, templates, imports, printing and the database file (DOMAIN §8).

Each function adds one command's arguments or subcommands to its parser; desktop/cli/parser.py
calls it only when that command is given (LazyCommands).
"""

from __future__ import annotations

from desktop.cli.parser import (
    SLATE_BODIES,
    ChineseArgumentParser,
    body_options,
    iso_date,
    json_option,
    leaf_command,
    subcommands,
)
from desktop.cli.parser_registers import SHEETS
from models.domain.motion_workflow import MotionState
from models.domain.vocabulary import BodyKind

# The papers `yishi print` knows; models.services.papers.contracts.PAPERS, kept here so --help stays quick.
PRINTABLE_PAPERS = (
    "minutes",
    "signin",
    "slate",
    "composition",
    "association-attendance",
    "reply",
    "assignment-slip",
    "motion-summary",
    "decision",
    "decision-register",
    "motion-form",
    "reform-report",
)
# Not one paper but many files: `print replies --term N -o DIR`.
PRINTABLE_BATCHES = ("replies",)


def _import_options(parser: ChineseArgumentParser) -> None:
    parser.add_argument(
        "--update-people",
        action="store_true",
        help="人员库中已有的人（按身份证号）姓名等身份信息与文件不一致时，以文件为准"
        "（默认保留人员库中的信息并提示）",
    )
    parser.add_argument(
        "--create-units",
        action="store_true",
        help="文件中出现本届没有的选举单位时新建（名额为 0，之后用 yishi units set 设置）",
    )


def demo_options(demo: ChineseArgumentParser) -> None:
    demo.add_argument("--force", action="store_true", help="数据库已有其他数据时先清空再生成")
    json_option(demo)


def people_commands(people_parser: ChineseArgumentParser) -> None:
    people = subcommands(people_parser, "people_command")
    listing = leaf_command(people, "list", "列出人员")
    body_options(listing)
    listing.add_argument(
        "--search", metavar="TEXT", help="按姓名、全拼、拼音首字母或身份证号末几位查找"
    )
    listing.add_argument("--reveal", action="store_true", help="显示完整身份证号（将记入日志）")
    json_option(listing)


def meetings_commands(meetings_parser: ChineseArgumentParser) -> None:
    meetings = subcommands(meetings_parser, "meetings_command")
    meeting_list = leaf_command(meetings, "list", "列出会议")
    meeting_list.add_argument("--body", choices=[k.value for k in BodyKind], help="机构")
    meeting_list.add_argument(
        "--term", type=int, metavar="N", help="届次，如 7 表示第七届（默认现任届次；党组不分届次）"
    )
    json_option(meeting_list)


def motions_commands(motions_parser: ChineseArgumentParser) -> None:
    motions = subcommands(motions_parser, "motions_command")
    motion_list = leaf_command(motions, "list", "列出提案")
    motion_list.add_argument(
        "--term", type=int, metavar="N", help="主席团届次，如 7 表示第七届（默认现任届次）"
    )
    motion_list.add_argument(
        "--state", choices=[s.value for s in MotionState], metavar="S", help="状态，如 handling"
    )
    json_option(motion_list)
    motion_add = leaf_command(motions, "add", "登记一件提案（已提交）")
    motion_add.add_argument(
        "--proposer",
        metavar="NAME-OR-ID",
        required=True,
        help="提案人：本届主席团委员的姓名或人员编号",
    )
    motion_add.add_argument("--title", metavar="T", required=True, help="标题")
    motion_add.add_argument(
        "--category", metavar="C", required=True, help="类别（规则文件中的类别）"
    )
    motion_add.add_argument(
        "--cosigner", action="append", default=[], metavar="NAME-OR-ID", help="附议人；可重复"
    )
    motion_add.add_argument("--cause", metavar="TEXT", help="案由")
    motion_add.add_argument("--reasons", metavar="TEXT", help="理由")
    motion_add.add_argument("--proposals", metavar="TEXT", help="办法和建议")
    motion_add.add_argument(
        "--received", type=iso_date, metavar="DATE", help="收到日期（默认今天）"
    )
    motion_add.add_argument("--term", type=int, metavar="N", help="主席团届次（默认现任届次）")
    json_option(motion_add)
    motion_import = leaf_command(motions, "import", "从 Excel 文件批量登记提案")
    motion_import.add_argument(
        "file", metavar="FILE.xlsx", help="提案文件（yishi template motions 生成的模板）"
    )
    motion_import.add_argument("--term", type=int, metavar="N", help="主席团届次（默认现任届次）")
    motion_import.add_argument(
        "--valid-only", action="store_true", help="只登记无误的行；有错误的行另存为 .rejected.xlsx"
    )
    json_option(motion_import)


def decisions_commands(decisions_parser: ChineseArgumentParser) -> None:
    decisions = subcommands(decisions_parser, "decisions_command")
    decision_list = leaf_command(decisions, "list", "列出三重一大事项（台账）")
    decision_list.add_argument("--year", type=int, metavar="YYYY", help="年度，如 2026（默认全部）")
    json_option(decision_list)


def check_options(check: ChineseArgumentParser) -> None:
    # `yishi check --body …` (a slate) and `yishi check organisation` (the registers) both work:
    # the word is the subcommand key ("check", "organisation"), absent for a slate.
    check.add_argument(
        "check_command",
        nargs="?",
        choices=["organisation"],
        metavar="organisation",
        help="检查改革方案的组织建设规则（干部、联系点、基层组织、温馨家园、主席团审议）",
    )
    check.add_argument("--body", choices=[*SLATE_BODIES, "council"], help="机构（检查名单时必填）")
    check.add_argument("--term", type=int, metavar="N", help="届次（默认筹备中的届次）")
    check.add_argument(
        "--year", type=int, metavar="YYYY", help="年度（check organisation；默认今年）"
    )
    json_option(check)


def template_commands(template_parser: ChineseArgumentParser) -> None:
    template = subcommands(template_parser, "template_command", "模板")
    slate_template = leaf_command(template, "slate", "生成代表/委员候选人名单模板")
    slate_template.add_argument(
        "-o", "--output", metavar="FILE.xlsx", required=True, help="保存到的 .xlsx 文件"
    )
    motions_template = leaf_command(
        template, "motions", "生成提案登记模板（类别和本届委员可下拉选择）"
    )
    motions_template.add_argument(
        "-o", "--output", metavar="FILE.xlsx", required=True, help="保存到的 .xlsx 文件"
    )
    motions_template.add_argument(
        "--term", type=int, metavar="N", help="主席团届次（默认现任届次）"
    )
    roster_template = leaf_command(template, "roster", "生成在任人员名单模板（含职务列）")
    roster_template.add_argument(
        "-o", "--output", metavar="FILE.xlsx", required=True, help="保存到的 .xlsx 文件"
    )
    # issue 17 — the organisation registers' import templates (desktop/cli/register_import.py)
    for register, sheet in SHEETS.items():
        register_template = leaf_command(template, register, f"生成{sheet}导入模板")
        register_template.add_argument(
            "-o", "--output", metavar="FILE.xlsx", required=True, help="保存到的 .xlsx 文件"
        )


def import_commands(import_parser: ChineseArgumentParser) -> None:
    importing = subcommands(import_parser, "import_command", "内容")
    slate_import = leaf_command(importing, "slate", "把 Excel 名单导入数据库中的某一届")
    slate_import.add_argument("file", metavar="FILE.xlsx", help="名单文件")
    slate_import.add_argument("--body", choices=SLATE_BODIES, required=True, help="机构")
    slate_import.add_argument("--term", type=int, metavar="N", help="届次（默认筹备中的届次）")
    slate_import.add_argument(
        "--valid-only", action="store_true", help="只导入无误的行；有错误的行另存为 .rejected.xlsx"
    )
    slate_import.add_argument("--reserve", action="store_true", help="作为候补人选导入")
    _import_options(slate_import)
    json_option(slate_import)

    roster_import = leaf_command(
        importing, "roster", "把在任人员名单导入某一届（在任，自该届开始之日起）"
    )
    roster_import.add_argument("file", metavar="FILE.xlsx", help="在任人员名单文件")
    body_options(roster_import)
    roster_import.add_argument(
        "--valid-only", action="store_true", help="只导入无误的行；有错误的行另存为 .rejected.xlsx"
    )
    _import_options(roster_import)
    json_option(roster_import)


def print_options(printing: ChineseArgumentParser) -> None:
    printing.add_argument(
        "paper",
        choices=PRINTABLE_PAPERS + PRINTABLE_BATCHES,
        help="minutes 会议纪要，signin 签到表，slate 代表名单，composition 代表构成情况统计表，"
        "association-attendance 专门协会列席情况统计表，reply 提案答复函，"
        "assignment-slip 提案交办单，motion-summary 提案办理情况汇总表，"
        "decision 三重一大事项决策记录表，decision-register 三重一大事项年度台账，"
        "reform-report 年度改革方案落实情况报告（--year），"
        "replies 届内每件已答复提案的答复函（-o 为文件夹）",
    )
    printing.add_argument("--motion", type=int, metavar="ID", help="提案编号（答复函、交办单）")
    printing.add_argument(
        "--decision", type=int, metavar="ID", help="三重一大事项编号（决策记录表）"
    )
    printing.add_argument("--meeting", type=int, metavar="ID", help="会议编号（纪要、签到表）")
    printing.add_argument(
        "--body", choices=SLATE_BODIES, help="机构（名单、构成统计表）：congress 或 presidium"
    )
    printing.add_argument(
        "--term",
        type=int,
        metavar="N",
        help="届次（名单默认筹备中的届次；提案汇总表、答复函默认本届）",
    )
    printing.add_argument(
        "--year",
        type=int,
        metavar="YYYY",
        help="年份（协会列席统计表、三重一大事项年度台账、改革方案落实情况报告）",
    )
    printing.add_argument(
        "--format",
        choices=["pdf", "docx", "xlsx"],
        help="格式（默认按 -o 文件的扩展名；xlsx 仅用于提案办理情况汇总表和三重一大事项年度台账）",
    )
    printing.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        required=True,
        help="保存到的 .pdf 或 .docx 文件（replies：保存到的文件夹）",
    )
    printing.add_argument(
        "--public", action="store_true", help="公示用名单：不印身份证号和残疾人证号"
    )
    printing.add_argument(
        "--blank", action="store_true", help="提案表：空白表，供委员手写（与 --motion 二选一）"
    )
    printing.add_argument(
        "--combined",
        action="store_true",
        help="replies：所有答复函合成一个 PDF（-o 为 .pdf 文件），便于一次打印",
    )
    printing.add_argument(
        "--reveal", action="store_true", help="名单中印完整身份证号（将记入日志）"
    )
    printing.add_argument(
        "--fonts",
        choices=["government", "stock"],
        help="Word 文书所用字体：government 政府机关电脑（仿宋_GB2312 等），stock Windows 自带字体；"
        "默认按数据库中的设置",
    )


def db_commands(db_parser: ChineseArgumentParser) -> None:
    db = subcommands(db_parser, "db_command")
    upgrade = leaf_command(db, "upgrade", "把数据库升级到本程序的版本")
    json_option(upgrade)
    backup = leaf_command(db, "backup", "把 SQLite 数据库备份到文件（程序运行时也可以）")
    backup.add_argument("path", metavar="PATH", help="备份文件路径")
    json_option(backup)
    restore = leaf_command(db, "restore", "用备份文件恢复 SQLite 数据库")
    restore.add_argument("path", metavar="PATH", help="备份文件路径")
    json_option(restore)
    auto = leaf_command(
        db, "auto-backup", "设置或查看自动备份：退出时或每天，备份到指定文件夹，保留最近几份"
    )
    auto.add_argument("--folder", metavar="DIR", help="备份文件夹（如 U 盘或网络共享文件夹）")
    auto.add_argument(
        "--schedule",
        choices=["off", "exit", "daily"],
        help="off 不自动备份，exit 每次退出时，daily 每天一次",
    )
    auto.add_argument("--keep", type=int, metavar="N", help="保留最近的 N 份（默认 10）")
    json_option(auto)
    encrypt = leaf_command(
        db, "encrypt", "把 SQLite 数据库转为加密数据库（SQLCipher），并给出一次性恢复密钥"
    )
    encrypt.add_argument(
        "--new-password-stdin",
        action="store_true",
        help="从标准输入读取数据库的新密码（否则用 YISHI_DB_PASSWORD）",
    )
    json_option(encrypt)
    decrypt = leaf_command(db, "decrypt", "把加密数据库转回不加密的 SQLite 数据库")
    json_option(decrypt)
