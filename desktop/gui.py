"""Starting the window: its frame paints first, then the roster panel is built and the database
opens on the worker lane.

`--smoke PNG` opens the window on the configured database, waits (at most 60 s) until the first
roster shows its rows or is known to be empty, saves a screenshot and exits; on a Linux machine
without a screen it draws offscreen by itself.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.qt_setup import (
    install_font,
    install_translations,
    install_window_icon,
    set_windows_app_id,
)
from desktop.settings import StartupSettings
from views.background import Runner
from views.error_presenter import excepthook, install_crash_reports
from views.main_window import MainWindow

if TYPE_CHECKING:
    from models.domain.roles import SignedIn
    from models.services.accounts.contracts import SignInResult
    from models.services.common.context import AppContext
    from models.services.people.contracts import FirstRoster
    from models.store.unit_of_work import Database
    from views.accounts.session import SignInGate

    Opened = AppContext | SignInGate

SMOKE_TIMEOUT_MS = 60_000
ACCOUNT_PASSWORD_ENV = "YISHI_PASSWORD"


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    set_windows_app_id()
    app = QApplication([sys.argv[0] if sys.argv else "yishi"])
    app.setApplicationName("Yishi")
    app.setApplicationDisplayName("议事")
    install_font(app)
    install_translations(app)
    install_window_icon(app)
    install_crash_reports(_crash_report_dir, _version)
    return app


def _crash_report_dir() -> Path:
    from desktop.paths import crash_report_dir

    return crash_report_dir()


def _version() -> str:
    from desktop.__main__ import app_version

    return app_version()


def install_excepthook() -> None:
    """An exception raised in a slot shows `unexpected_failure` with its saved report instead
    of a traceback on a console nobody reads; the window keeps running."""
    sys.excepthook = excepthook


def open_context(settings: StartupSettings, *, password: str | None = None) -> Opened:
    """Runs on the worker lane: the data layer is imported here, after the first paint.

    A database that requires sign-in is handed back as a gate: nothing of the federation is
    read until someone signs in. With `password` (smoke mode: YISHI_PASSWORD) the lane signs in
    as --user itself, and no dialog is needed.
    """
    from desktop.database import connect
    from models.domain.errors import DomainError
    from models.services.accounts.queries import sign_in_required
    from models.services.common.context import database_display
    from models.store.pg_roles import is_postgresql, refused_login
    from views.accounts.session import SignInGate

    own_role = is_postgresql(settings.database_url)
    try:
        db: Database | None = connect(settings)
    except DomainError as exc:
        # A server that lets no one in without their own password: everyone signs in.
        if not (own_role and exc.__cause__ is not None and refused_login(exc.__cause__)):
            raise
        db = None
    try:
        if db is not None and not sign_in_required(db):
            return _context(settings, db, None)
        if own_role:
            # On PostgreSQL the clerk works as their own login role, so the server's grants
            # and row-level security bind the window as they bind psql (issue 15).
            signed = _OwnRoleSignIn(settings)
            attempt, context = signed.attempt, signed.context
        else:
            assert db is not None
            attempt = functools.partial(_attempt, db)
            context = functools.partial(_context, settings, db)
        gate = SignInGate(
            db,
            attempt=attempt,
            context=context,
            login_hint=settings.user,
            database_label=database_display(settings.database_url),
        )
        if password is None:
            return gate
        result = gate.attempt(settings.user, password)
        if result.must_change_password:
            raise DomainError("password_change_required")
        return gate.context(result.account)
    except Exception:
        if db is not None:
            db.engine.dispose()
        raise


class _OwnRoleSignIn:
    """Signing in on PostgreSQL: connect as the account's login role with its password (the
    server refusing it is Yishi's one refusal), then Yishi's own check on that connection; the
    context of the account works on that connection."""

    def __init__(self, settings: StartupSettings) -> None:
        self.settings = settings
        self.db: Database | None = None

    def attempt(self, login: str, password: str) -> SignInResult:
        from models.domain.errors import DomainError
        from models.store.pg_roles import account_url, refused_login
        from models.store.unit_of_work import open_database

        self._drop()
        try:
            own = open_database(account_url(self.settings.database_url, login, password))
        except DomainError as exc:
            if exc.__cause__ is not None and refused_login(exc.__cause__):
                raise DomainError("account_refused") from None
            raise
        try:
            result = _attempt(own, login, password)
        except BaseException:
            own.engine.dispose()
            raise
        self.db = own
        return result

    def context(self, account: SignedIn) -> AppContext:
        from models.domain.errors import DomainError

        if self.db is None:
            raise DomainError("account_refused")
        db, self.db = self.db, None
        return _context(self.settings, db, account)

    def _drop(self) -> None:
        if self.db is not None:
            self.db.engine.dispose()
            self.db = None


def _attempt(db: Database, login: str, password: str) -> SignInResult:
    from views.ops import accounts as account_ops

    return account_ops.sign_in(db, login=login, password=password)


def _context(settings: StartupSettings, db: Database, account: SignedIn | None) -> AppContext:
    """The clerk's context: without sign-in the --user/OS login acting as an administrator, as
    before accounts; signed in, the account and whether the rules let leaders sign off."""
    from desktop.paths import resource_path
    from models.services.common.access import leader_signs
    from models.services.common.context import AppContext

    signs = False
    if account is not None:
        with db.session_factory() as session:
            signs = leader_signs(session)
    return AppContext(
        db,
        account.login if account is not None else settings.user,
        fonts_dir=resource_path("fonts"),
        reply_templates=resource_path("templates", "reply_templates.toml"),
        account=account,
        leader_signs=signs,
    )


def open_unlocked(
    window: MainWindow,
    settings: StartupSettings,
    *,
    ask: bool = True,
    password: str | None = None,
    first_roster: bool = True,
) -> None:
    """Open the database; an encrypted SQLite file first asks for its passphrase (or recovery
    key) over the painted window, unless one given at start (YISHI_DB_PASSWORD) already fits.
    退出 in that dialog closes the window.

    With `first_roster` the first roster is read through the driver and shown while the data
    layer loads (models/services/people/first_roster.py); the smoke check goes the whole way."""
    if ask and not unlock_database(window, settings.database_url):
        window.close()
        return
    window.open_database(
        lambda: open_context(settings, password=password),
        functools.partial(read_first_roster, settings.database_url) if first_roster else None,
    )


def read_first_roster(url: str) -> FirstRoster | None:
    """On the lane, before the data layer: SQLAlchemy is not imported for it."""
    from models.services.people.first_roster import read_first_roster as read

    return read(url)


def unlock_database(window: QWidget, url: str) -> bool:
    # Runs before the first paint: a plain file or a server imports neither SQLAlchemy (the
    # URL) nor the passphrase dialog.
    from models.store.cipher import is_encrypted
    from models.store.sqlite_url import quick_sqlite_path

    try:
        path = quick_sqlite_path(url)
        if path is None or not is_encrypted(path):
            return True
    except Exception:  # a URL or a file the opener will explain itself
        return True
    from models.domain.errors import DomainError
    from models.domain.messages import message
    from models.store.cipher import database_key, unlock
    from views.database_password import DatabasePasswordDialog

    try:
        database_key(path)
        return True  # YISHI_DB_PASSWORD or --db-password-stdin already opens it
    except DomainError:
        pass

    def verify(secret: str) -> str | None:
        try:
            unlock(path, secret)
        except DomainError as error:
            return message(error.code, error.params)
        return None

    dialog = DatabasePasswordDialog(str(path), verify, window)
    return dialog.exec() == QDialog.DialogCode.Accepted


def build_window(
    settings: StartupSettings, *, interactive: bool = True, complete: bool = True
) -> MainWindow:
    """The main window; with `complete=False` only its frame (see `start`)."""
    runner = Runner()
    window = MainWindow(runner, user=settings.user, interactive=interactive, complete=complete)
    runner.setParent(window)
    window.resize(1280, 800)
    return window


def headless_for_smoke(environ: MutableMapping[str, str] | None = None) -> None:
    """A smoke run on a machine without a screen draws offscreen rather than failing to start;
    a platform the caller chose, or a screen that is there, is left alone."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return
    if sys.platform.startswith("linux"):
        env["QT_QPA_PLATFORM"] = "offscreen"


def start(
    settings: StartupSettings,
    *,
    interactive: bool = True,
    ask: bool = True,
    first_roster: bool = True,
) -> MainWindow:
    """The window as a clerk starts it, in two steps: its frame (menus, toolbar, navigation,
    status bar) is shown and painted first; then the roster panel is imported and built, and
    the database opens, its first roster read through the driver (`open_unlocked`)."""
    window = build_window(settings, interactive=interactive, complete=False)
    window.show()
    window.complete_after_first_paint(
        lambda: open_unlocked(window, settings, ask=ask, first_roster=first_roster)
    )
    return window


def run_gui(settings: StartupSettings, *, smoke: Path | None = None) -> int:
    if smoke is not None:
        headless_for_smoke()
    app = application()
    install_excepthook()
    if smoke is None:
        window = start(settings)
        return app.exec()
    window = build_window(settings, interactive=False)
    window.show()
    # Smoke mode signs in as --user with YISHI_PASSWORD when the database requires sign-in.
    password = os.environ.get(ACCOUNT_PASSWORD_ENV)
    QTimer.singleShot(
        0, lambda: open_unlocked(window, settings, ask=False, password=password, first_roster=False)
    )
    outcome = {"code": 1}

    def shoot(_rows: int) -> None:
        # Let the table paint its rows before grabbing.
        QTimer.singleShot(300, finish)

    def finish() -> None:
        image = window.grab()
        if image.isNull() or not image.save(str(smoke), "PNG"):
            sys.stderr.write(f"yishi: 无法保存截图到 {smoke}\n")
            app.exit(1)
            return
        outcome["code"] = 0
        app.exit(0)

    def failed(text: str) -> None:
        sys.stderr.write(f"yishi: {text}\n")
        app.exit(1)

    def timed_out() -> None:
        sys.stderr.write("yishi: 60 秒内未能显示成员列表，冒烟检查失败。\n")
        app.exit(1)

    window.roster.roster_shown.connect(shoot)
    window.database_failed.connect(failed)
    window.roster.load_failed.connect(failed)
    QTimer.singleShot(SMOKE_TIMEOUT_MS, timed_out)
    code = app.exec()
    window.close()
    return code if outcome["code"] == 0 else max(code, 1)
