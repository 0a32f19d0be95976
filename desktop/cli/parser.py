"""Argument parsing with Chinese errors, global options accepted before or after the subcommand."""

from __future__ import annotations

import argparse
import importlib
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn, cast

# argparse speaks English; these are the messages a clerk can actually provoke. Patterns, compiled
# by `re` only when an error is translated: compiling them at import cost ~0.4 ms of every start.
_TRANSLATIONS = [
    (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
    (r"the following arguments are required: (.*)", "缺少必需的参数：{0}"),
    (
        r"argument (\S+): invalid choice: '?([^']*)'? \(choose from (.*)\)",
        "参数 {0} 的取值“{1}”无效，可选：{2}",
    ),
    (
        r"argument (\S+): invalid int value: '?([^']*)'?",
        "参数 {0} 需要整数，而不是“{1}”",
    ),
    (r"argument (\S+): expected one argument", "参数 {0} 后面需要一个值"),
    (r"argument (\S+): (.*)", "参数 {0} 有误：{1}"),
]


def translate(message: str) -> str:
    for pattern, template in _TRANSLATIONS:
        match = re.search(pattern, message)
        if match:
            return template.format(*match.groups())
    return message


class UsageError(Exception):
    """Unusable arguments: exit 2 with `bad_arguments`."""


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(translate(message))


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    # On subcommands the defaults are suppressed so they never undo a value given earlier.
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--database",
        metavar="URL",
        default=default,
        help="数据库地址（默认：环境变量 YISHI_DATABASE_URL，否则用户数据目录中的 SQLite 文件）",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=default,
        help="操作人；数据库要求登录时为账户名（默认：操作系统登录名）",
    )
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        default=default,
        help="从标准输入读取账户密码（也可用环境变量 YISHI_PASSWORD；与 --db-password-stdin "
        "同用时，第一行为数据库密码，第二行为账户密码）",
    )
    parser.add_argument(
        "--db-password-stdin",
        action="store_true",
        default=default,
        help="从标准输入读取加密数据库的密码（也可用环境变量 YISHI_DB_PASSWORD）",
    )


def json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def iso_date(text: str) -> date:
    """A date on the command line is YYYY-MM-DD (DOMAIN §8)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效日期，请写成 YYYY-MM-DD") from None


def body_options(parser: argparse.ArgumentParser) -> None:
    from models.domain.vocabulary import Association, BodyKind

    parser.add_argument("--body", choices=[k.value for k in BodyKind], help="机构")
    parser.add_argument(
        "--association",
        choices=[a.value for a in Association],
        help="专门协会（与 --body association 一起使用）",
    )
    parser.add_argument("--term", type=int, metavar="N", help="届次，如 8 表示第八届")


def leaf_command(
    sub: argparse._SubParsersAction[ChineseArgumentParser], name: str, help_text: str
) -> ChineseArgumentParser:
    """A subcommand that takes the global options too (before or after its name)."""
    leaf = sub.add_parser(name, help=help_text, description=help_text)
    _global_options(leaf, suppress=True)
    return leaf


SLATE_BODIES = ["congress", "presidium"]

# The commands in the order `yishi --help` lists them: name, help, whether it is a leaf (it takes
# the global options too) or has its own subcommands, and the "module:function" that adds its
# arguments or subcommands, imported only when the command is given (see LazyCommands).
COMMANDS: tuple[tuple[str, str, bool, str], ...] = (
    ("gui", "打开议事窗口（不带子命令时也是如此）", True, "desktop.cli.parser:gui_options"),
    ("demo", "在当前数据库中生成演示数据", True, "desktop.cli.parser_work:demo_options"),
    ("people", "人员库", False, "desktop.cli.parser_work:people_commands"),
    ("meetings", "会议", False, "desktop.cli.parser_work:meetings_commands"),
    ("motions", "提案", False, "desktop.cli.parser_work:motions_commands"),
    ("decisions", "三重一大事项", False, "desktop.cli.parser_work:decisions_commands"),
    (
        "check-slate",
        "按改革方案的比例要求检查 Excel 名单（不写数据库）",
        True,
        "desktop.cli.parser:check_slate_options",
    ),
    (
        "check",
        "检查数据库中某一届名单的构成（--body），或组织建设规则（check organisation）",
        True,
        "desktop.cli.parser_work:check_options",
    ),
    # The federation's own set-up: its profile, its bodies' terms, the congress's units.
    (
        "setup",
        "填写或修改本会信息（首次使用时运行；可重复运行以修改）",
        True,
        "desktop.cli.parser_office:setup_options",
    ),
    ("terms", "届次", False, "desktop.cli.parser_office:terms_commands"),
    ("units", "选举单位与名额", False, "desktop.cli.parser_office:units_commands"),
    # issue 15 — accounts and the audit trail (desktop/cli/parser_accounts.py)
    ("users", "账户与权限", False, "desktop.cli.parser_accounts:users_commands"),
    ("audit", "操作记录", False, "desktop.cli.parser_accounts:audit_commands"),
    # issue 17 — the organisation registers (desktop/cli/parser_registers.py)
    ("registers", "组织建设台账", False, "desktop.cli.parser_registers:register_commands"),
    ("template", "名单模板", False, "desktop.cli.parser_work:template_commands"),
    ("import", "导入", False, "desktop.cli.parser_work:import_commands"),
    (
        "print",
        "打印文书：纪要、签到表、名单、构成统计表、协会列席统计表",
        True,
        "desktop.cli.parser_work:print_options",
    ),
    ("db", "数据库维护", False, "desktop.cli.parser_work:db_commands"),
)

if TYPE_CHECKING:
    _SubParsers = argparse._SubParsersAction[ChineseArgumentParser]
else:
    _SubParsers = argparse._SubParsersAction


class LazyCommands(_SubParsers):
    """The subcommands, each one's parser and arguments (and its own subcommands) made only when
    it is given.

    Making all of them took ~25 ms on every start, the window's and `check-slate`'s included.
    argparse reaches a subcommand's parser only here, once it has checked the name against the
    choices, so the names, their help (`yishi --help`) and the choices an unknown command is
    told stay as they were; a test compares every command's help, errors and parsing with
    argparse's own subparsers, every command added up front.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pending: dict[str, tuple[str, bool, str]] = {}

    def add_lazily(self, name: str, help_text: str, leaf: bool, target: str) -> None:
        # What add_parser records at once: the name among the choices (its parser comes in
        # `complete`) and the line `yishi --help` lists.
        self._name_parser_map[name] = cast(ChineseArgumentParser, None)
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), help_text))
        self._pending[name] = (help_text, leaf, target)

    def complete(self, name: str) -> ChineseArgumentParser:
        """The command's parser with its arguments (made once), as add_parser would make it."""
        pending = self._pending.pop(name, None)
        if pending is not None:
            help_text, leaf, target = pending
            prog = f"{self._prog_prefix} {name}"
            if leaf:  # as leaf_command: described by its help, taking the global options too
                made = self._parser_class(prog=prog, description=help_text)
                _global_options(made, suppress=True)
            else:
                made = self._parser_class(prog=prog)
            self._name_parser_map[name] = made
            module, function = target.split(":")
            getattr(importlib.import_module(module), function)(made)
        return self._name_parser_map[name]

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        assert isinstance(values, list)  # nargs=PARSER: the command's name, then its arguments
        self.complete(values[0])
        super().__call__(parser, namespace, values, option_string)


class VersionAction(argparse._VersionAction):
    """`--version`, the version looked up only when asked: importlib.metadata, which finds it,
    costs ~25 ms that no other command needs."""

    def __init__(self, option_strings: Sequence[str], version_of: Callable[[], str], **kwargs: Any):
        super().__init__(option_strings, **kwargs)
        self.version_of = version_of

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        self.version = f"yishi {self.version_of()}"
        super().__call__(parser, namespace, values, option_string)


def build_parser(version: Callable[[], str]) -> ChineseArgumentParser:
    parser = ChineseArgumentParser(prog="yishi", description="议事 — 区残联秘书处工作台")
    parser.add_argument("--version", action=VersionAction, version_of=version)
    _global_options(parser, suppress=False)
    commands = parser.add_subparsers(
        dest="command", metavar="命令", parser_class=ChineseArgumentParser, action=LazyCommands
    )
    assert isinstance(commands, LazyCommands)
    for name, help_text, leaf, target in COMMANDS:
        commands.add_lazily(name, help_text, leaf, target)
    return parser


def subcommands(parser: ChineseArgumentParser, dest: str, metavar: str = "操作") -> _SubParsers:
    """A command's own subcommands (`people list`), all added when the command is given."""
    return parser.add_subparsers(
        dest=dest, metavar=metavar, required=True, parser_class=ChineseArgumentParser
    )


def gui_options(gui: ChineseArgumentParser) -> None:
    gui.add_argument(
        "--smoke", metavar="PNG", help="冒烟检查：打开窗口，等第一张名单显示后把截图存为 PNG 并退出"
    )


def check_slate_options(check_slate: ChineseArgumentParser) -> None:
    check_slate.add_argument("file", metavar="FILE.xlsx", help="名单文件（.xlsx 或 .xls）")
    check_slate.add_argument(
        "--body", choices=SLATE_BODIES, required=True, help="代表大会或主席团名单"
    )
    check_slate.add_argument("--previous", metavar="FILE.xlsx", help="上一届名单，用于比较变化趋势")
    check_slate.add_argument("--rules", metavar="NAME|PATH", help="规则文件（默认 mentougou-2019）")
    json_option(check_slate)
