"""Dispatching a parsed command line, and turning every refusal into exit 2 with a Chinese message."""

from __future__ import annotations

import atexit
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from desktop.cli.parser import UsageError, build_parser
from desktop.settings import StartupSettings
from models.domain.errors import DomainError

EXIT_OK, EXIT_FOUND_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2
EXIT_INTERRUPTED = 130  # the shell's 128 + SIGINT

# "module:function", imported only when the command runs, so --help and --version stay quick.
# Functions named with a database take (db, user, args); the others (settings, args).
_WITH_DATABASE = {
    ("demo", None): "desktop.cli.demo:run_demo",
    ("people", "list"): "desktop.cli.people:run_list",
    ("meetings", "list"): "desktop.cli.meetings:run_list",
    ("motions", "list"): "desktop.cli.motions:run_list",
    ("motions", "add"): "desktop.cli.motions:run_add",
    ("motions", "import"): "desktop.cli.motion_import:run_import",
    ("template", "motions"): "desktop.cli.motion_import:run_template",
    # issue 17 — the organisation registers from .xlsx (desktop/cli/register_import.py)
    ("registers", "import"): "desktop.cli.register_import:run_import",
    ("template", "cadres"): "desktop.cli.register_import:run_template",
    ("template", "places"): "desktop.cli.register_import:run_template",
    ("template", "homes"): "desktop.cli.register_import:run_template",
    ("template", "contacts"): "desktop.cli.register_import:run_template",
    ("template", "visits"): "desktop.cli.register_import:run_template",
    ("template", "organisations"): "desktop.cli.register_import:run_template",
    ("decisions", "list"): "desktop.cli.decisions:run_list",
    ("check", None): "desktop.cli.slates:run_check",
    ("check", "organisation"): "desktop.cli.organisation_check:run_check",
    ("import", "slate"): "desktop.cli.slates:run_import",
    ("print", None): "desktop.cli.printing:run_print",
    ("setup", None): "desktop.cli.setup:run_setup",
    ("terms", "list"): "desktop.cli.terms:run_list",
    ("terms", "open"): "desktop.cli.terms:run_open",
    ("terms", "elect"): "desktop.cli.terms:run_elect",
    ("terms", "make-current"): "desktop.cli.terms:run_make_current",
    ("units", "list"): "desktop.cli.units:run_list",
    ("units", "set"): "desktop.cli.units:run_set",
    ("import", "roster"): "desktop.cli.roster:run_import",
    # issue 15 — accounts (desktop/cli/users.py)
    ("users", "list"): "desktop.cli.users:run_list",
    ("users", "add"): "desktop.cli.users:run_add",
    ("users", "set-role"): "desktop.cli.users:run_set_role",
    ("users", "disable"): "desktop.cli.users:run_disable",
    ("users", "enable"): "desktop.cli.users:run_enable",
    ("users", "reset-password"): "desktop.cli.users:run_reset_password",
    ("users", "change-password"): "desktop.cli.users:run_change_password",
    ("users", "require-sign-in"): "desktop.cli.users:run_require_sign_in",
    # issue 15 — the audit trail (desktop/cli/audit.py)
    ("audit", "list"): "desktop.cli.audit:run_list",
    ("audit", "export"): "desktop.cli.audit:run_export",
    ("audit", "verify"): "desktop.cli.audit:run_verify",
    # issue 17 — the organisation registers: `registers <register> <action>` (the register is
    # an argument of the action; desktop/cli/registers.py)
    ("registers", "list"): "desktop.cli.registers:run_list",
    ("registers", "add"): "desktop.cli.registers:run_add",
    ("registers", "edit"): "desktop.cli.registers:run_edit",
    ("registers", "end"): "desktop.cli.registers:run_end",
    ("registers", "remove"): "desktop.cli.registers:run_remove",
    ("registers", "history"): "desktop.cli.registers:run_history",
}
_WITH_SETTINGS = {
    ("db", "upgrade"): "desktop.cli.db:run_upgrade",
    ("db", "backup"): "desktop.cli.db:run_backup",
    ("db", "restore"): "desktop.cli.db:run_restore",
    ("db", "auto-backup"): "desktop.cli.db:run_auto_backup",
    ("db", "encrypt"): "desktop.cli.cipher:run_encrypt",
    ("db", "decrypt"): "desktop.cli.cipher:run_decrypt",
    ("check-slate", None): "desktop.cli.slates:run_check_slate",
    ("template", "slate"): "desktop.cli.slates:run_template",
    ("template", "roster"): "desktop.cli.roster:run_template",
}


def _load(target: str) -> Callable[..., int]:
    module, function = target.split(":")
    return getattr(importlib.import_module(module), function)


@dataclass(frozen=True)
class GuiRequest:
    """No subcommand, or `gui`: the caller opens the window (Qt is imported only then)."""

    settings: StartupSettings
    smoke: Path | None


def run(
    argv: Sequence[str], version: Callable[[], str], *, own_process: bool = False
) -> int | GuiRequest:
    """Run a headless command, or say that the window should open; never a traceback (issue 13):
    every failure becomes a message and an exit code, an unexpected one also a crash report.
    `version` is asked only by --version and a crash report. With `own_process` (the `yishi`
    command itself) a command may end the process once its output is out (`end_process`)."""
    try:
        return _dispatch(argv, version, own_process)
    except (SystemExit, GeneratorExit):
        raise
    except BaseException as error:
        return failed(error, argv=argv, version=version, as_json="--json" in argv)


def _dispatch(
    argv: Sequence[str], version: Callable[[], str], own_process: bool
) -> int | GuiRequest:
    parser = build_parser(version)
    as_json = "--json" in argv
    try:
        args = parser.parse_args(list(argv))
    except UsageError as exc:
        from desktop.cli.output import fail

        return fail("bad_arguments", {"detail": str(exc)}, as_json=as_json)
    args.own_process = own_process
    from desktop.settings import resolve

    settings = resolve(args.database, args.user, password_stdin=args.db_password_stdin)
    if args.command in (None, "gui"):
        smoke = getattr(args, "smoke", None)
        return GuiRequest(settings, Path(smoke).expanduser().resolve() if smoke else None)
    key = (args.command, getattr(args, f"{args.command}_command", None))
    try:
        from desktop.cli.passwords import own_password

        # Read before any command reads a new password from the line after it.
        args.account_password = own_password(args)
        if key in _WITH_SETTINGS:
            if args.command == "db":  # the database file's commands: its accounts decide
                from desktop.cli.signing import check_file_command

                check_file_command(settings, key, args)
            return _load(_WITH_SETTINGS[key])(settings, args)
        from desktop.cli.print_writers import early_writers

        # `print replies`: its first writer reads the faces while the data layer is imported.
        with early_writers(key, args) as args.writers:
            # Only here: check-slate and friends never pay for importing SQLAlchemy.
            from desktop.cli.access import check_subcommand
            from desktop.cli.signing import open_signed_in

            db, user = open_signed_in(settings, args)
            try:
                check_subcommand(db, user, key)
                return _load(_WITH_DATABASE[key])(db, user, args)
            finally:
                db.engine.dispose()
    except DomainError as error:
        return failed(error, argv=argv, version=version, as_json=getattr(args, "json", False))


def failed(
    error: BaseException, *, argv: Sequence[str], version: Callable[[], str], as_json: bool
) -> int:
    """The one place a failure becomes an exit code (DOMAIN §8).

    A broken pipe (`yishi demo | head`) ends quietly; Ctrl-C says so; an expected failure (a
    refusal, a file that cannot be read or written, an unusable database, a conflicting write)
    is its Chinese message and exit 2; anything else is `unexpected_failure` naming the crash
    report saved in the data folder. Nothing printed holds SQL parameters or a whole ID number.
    """
    if isinstance(error, BrokenPipeError):
        quiet_stdout()
        return EXIT_OK
    from models.domain.messages import message

    if isinstance(error, KeyboardInterrupt):
        sys.stderr.write(f"yishi: {message('interrupted')}\n")
        return EXIT_INTERRUPTED
    from desktop.cli.output import fail
    from models.store.failures import refusal, save_crash_report, scrub

    refused = refusal(error)
    if refused is not None:
        params = {
            key: scrub(value) if isinstance(value, str) else value
            for key, value in refused.params.items()
        }
        return fail(refused.code, params, as_json=as_json)
    from desktop.paths import crash_report_dir

    try:
        report = save_crash_report(error, crash_report_dir(), version=version(), argv=argv)
    except Exception as unsaved:  # the data folder itself is unusable: still no traceback
        detail = scrub(getattr(unsaved, "strerror", None) or type(unsaved).__name__)
        return fail("unexpected_failure_unsaved", {"detail": detail}, as_json=as_json)
    return fail("unexpected_failure", {"path": str(report)}, as_json=as_json)


def quiet_stdout() -> None:
    """The reader of our output went away: send what is left to devnull (Python's documented
    idiom), so that the flush at exit does not complain either."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests capture it)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def end_process(code: int) -> NoReturn:
    """End the `yishi` process now that the command's output is complete, as a normal exit would
    but without taking every object still alive apart one by one: after check-slate that is
    ~220,000 cells and 10,000 records, ~10 ms that nobody waits for. The exit handlers still run
    (logging's among them) and stdout and stderr are flushed, a closed pipe ending quietly as in
    `console_main`; the exit code is the command's."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()
    atexit._run_exitfuncs()
    from contextlib import suppress

    for stream in (sys.stdout, sys.stderr):
        with suppress(AttributeError, OSError, ValueError):  # no stream (yishiw), or it went
            stream.flush()
    os._exit(code)
