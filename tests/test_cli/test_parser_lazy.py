"""The command line's parser adds a command's arguments only when the command is given
(desktop/cli/parser.py LazyCommands): it must answer exactly as the parser with every command
added up front — every command's help, the errors, what each command line parses to."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import subprocess
import sys
from collections.abc import Iterator

import pytest

from desktop.cli.parser import (
    COMMANDS,
    ChineseArgumentParser,
    LazyCommands,
    UsageError,
    VersionAction,
    _global_options,
    build_parser,
    iso_date,
    leaf_command,
)


def _version() -> str:
    return "1.2.3"


def _commands(
    parser: argparse.ArgumentParser,
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(found) <= 1
    return found[0] if found else None  # type: ignore[return-value]


def _all_added() -> argparse.ArgumentParser:
    """The plain path: argparse's own subparsers, every command added with add_parser up front."""
    parser = ChineseArgumentParser(prog="yishi", description="议事 — 区残联秘书处工作台")
    parser.add_argument("--version", action=VersionAction, version_of=_version)
    _global_options(parser, suppress=False)
    commands = parser.add_subparsers(
        dest="command", metavar="命令", parser_class=ChineseArgumentParser
    )
    for name, help_text, leaf, target in COMMANDS:
        if leaf:
            command = leaf_command(commands, name, help_text)
        else:
            command = commands.add_parser(name, help=help_text)
        module, function = target.split(":")
        getattr(importlib.import_module(module), function)(command)
    return parser


def _paths(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    yield prefix
    commands = _commands(parser)
    if commands is not None:
        for name, sub in commands._name_parser_map.items():
            yield from _paths(sub, (*prefix, name))


def _parser_at(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> argparse.ArgumentParser:
    for name in path:
        parser = _commands(parser)._name_parser_map[name]
    return parser


def _sample(action: argparse.Action) -> str:
    if action.choices:
        return str(next(iter(action.choices)))
    if action.type is int:
        return "3"
    if action.type is iso_date:
        return "2026-01-02"
    return "x y"


def _minimal(leaf: argparse.ArgumentParser, path: tuple[str, ...]) -> list[str]:
    """The path with its required arguments, each given a value of its kind."""
    argv = list(path)
    for action in leaf._actions:
        if not action.option_strings and action.nargs not in ("?", "*"):
            argv.append(_sample(action))
        elif action.option_strings and action.required:
            argv += [action.option_strings[-1], _sample(action)]
    for group in leaf._mutually_exclusive_groups:
        if group.required:
            first = group._group_actions[0]
            argv += [first.option_strings[-1], *([] if first.nargs == 0 else [_sample(first)])]
    return argv


def _outcome(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = sorted(vars(parser.parse_args(argv)).items())
        except SystemExit as exit_:
            result = ("exit", exit_.code)
        except UsageError as error:
            result = ("usage", str(error))
    return result, out.getvalue(), err.getvalue()


_PLAIN = _all_added()
_PATHS = list(_paths(_PLAIN))
_LEAVES = [path for path in _PATHS if path and _commands(_parser_at(_PLAIN, path)) is None]


def test_every_command_is_reached():
    assert [name for name, *_ in COMMANDS] == list(_commands(_PLAIN)._name_parser_map)
    lazy = _commands(build_parser(_version))
    assert isinstance(lazy, LazyCommands)
    assert list(lazy._name_parser_map) == list(_commands(_PLAIN)._name_parser_map)
    assert len(_LEAVES) > 90  # the registers alone give dozens


@pytest.mark.parametrize("path", _PATHS, ids=" ".join)
def test_help_and_errors_are_the_plain_parsers(path):
    for tail in (["--help"], [], ["--no-such-option"], ["no-such-word"]):
        argv = [*path, *tail]
        assert _outcome(build_parser(_version), argv) == _outcome(_PLAIN, argv), argv


@pytest.mark.parametrize("path", _LEAVES, ids=" ".join)
def test_each_command_line_parses_as_with_the_plain_parser(path):
    argv = _minimal(_parser_at(_PLAIN, path), path)
    for line in (
        argv,
        ["--database", "sqlite:///a", "--user", "u", *argv, "--json"],
        [*argv, "--database", "sqlite:///b", "--password-stdin", "--db-password-stdin"],
        ["--data", "sqlite:///c", *argv],
        [*argv, "--term", "nope"],
    ):
        lazy = _outcome(build_parser(_version), line)
        assert lazy == _outcome(_PLAIN, line), line
    assert isinstance(_outcome(build_parser(_version), argv)[0], list), argv  # it parses


def test_version_is_looked_up_only_when_asked():
    asked: list[str] = []

    def version() -> str:
        asked.append("yes")
        return "9.8.7"

    assert _outcome(build_parser(version), ["gui"])[0] == [("command", "gui"), *_globals()]
    assert asked == []
    assert _outcome(build_parser(version), ["--version"]) == (("exit", 0), "yishi 9.8.7\n", "")
    assert asked == ["yes"]


def _globals() -> list[tuple[str, object]]:
    return [
        ("database", None),
        ("db_password_stdin", None),
        ("password_stdin", None),
        ("smoke", None),
        ("user", None),
    ]


def test_the_window_and_the_slate_check_build_only_their_own_arguments():
    """`yishi`, `yishi gui` and `yishi check-slate` load no other command's parser module."""
    code = (
        "import sys\n"
        "from desktop.cli.parser import build_parser\n"
        "for argv in ([], ['gui', '--smoke', 'a.png'], ['check-slate', 'f.xlsx', '--body', "
        "'congress', '--json']):\n"
        "    build_parser(lambda: '0').parse_args(argv)\n"
        "loaded = [m for m in sys.modules if m.startswith('desktop.cli.parser_')]\n"
        "assert loaded == [], loaded\n"
        "assert 'importlib.metadata' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
