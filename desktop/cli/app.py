"""Dispatching a parsed command line, and turning every refusal into exit 2 with a Chinese message."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from desktop.cli import db as db_commands
from desktop.cli.demo import run_demo
from desktop.cli.output import fail
from desktop.cli.parser import UsageError, build_parser
from desktop.cli.people import run_list
from desktop.database import connect
from desktop.settings import StartupSettings, resolve
from models.domain.errors import DomainError
from models.store.unit_of_work import Database

EXIT_OK, EXIT_FOUND_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2

DatabaseCommand = Callable[[Database, str, argparse.Namespace], int]
SettingsCommand = Callable[[StartupSettings, argparse.Namespace], int]

_WITH_DATABASE: dict[tuple[str, str | None], DatabaseCommand] = {
    ("demo", None): run_demo,
    ("people", "list"): run_list,
}
_WITH_SETTINGS: dict[tuple[str, str | None], SettingsCommand] = {
    ("db", "upgrade"): db_commands.run_upgrade,
    ("db", "backup"): db_commands.run_backup,
    ("db", "restore"): db_commands.run_restore,
}


def run(argv: Sequence[str], version: str) -> int | None:
    """Run a headless command; None means no subcommand was given (the caller opens the GUI)."""
    parser = build_parser(version)
    as_json = "--json" in argv
    try:
        args = parser.parse_args(list(argv))
    except UsageError as exc:
        return fail("bad_arguments", {"detail": str(exc)}, as_json=as_json)
    if args.command is None:
        return None
    key = (args.command, getattr(args, f"{args.command}_command", None))
    settings = resolve(args.database, args.user)
    try:
        if key in _WITH_SETTINGS:
            return _WITH_SETTINGS[key](settings, args)
        db = connect(settings)
        try:
            return _WITH_DATABASE[key](db, settings.user, args)
        finally:
            db.engine.dispose()
    except DomainError as error:
        return fail(error.code, error.params, as_json=getattr(args, "json", False))
