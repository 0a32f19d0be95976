"""The first roster read through the driver while the data layer loads (issue 18): shown as the
congress's own and kept once the database is open, dropped whenever it should not stay, and
never shown before sign-in."""

from __future__ import annotations

from typing import Any

from desktop.gui import build_window, open_context, open_unlocked, read_first_roster
from desktop.settings import StartupSettings
from models.domain.errors import DomainError
from models.domain.vocabulary import TermStatus
from views.main_window import MainWindow

from .accounts_support import add_accounts, close, sign_in_dialog
from .helpers import query


def _window(qtbot: Any, settings: StartupSettings, *, interactive: bool = True) -> MainWindow:
    window = build_window(settings, interactive=interactive)
    qtbot.addWidget(window)
    window.show()
    return window


def _congress_members(path: Any) -> int:
    rows = query(
        path,
        "SELECT count(*) FROM membership m JOIN term t ON t.id = m.term_id"
        " JOIN body b ON b.id = t.body_id WHERE b.code = 'congress' AND t.status = 'current'",
    )
    return int(rows[0][0])


def test_the_first_roster_shows_at_once_and_stays_when_the_database_opens(qtbot, settings, db_path):
    window = _window(qtbot, settings)
    shown: list[int] = []
    window.roster.roster_shown.connect(shown.append)
    with qtbot.waitSignal(window.database_ready, timeout=30_000):
        open_unlocked(window, settings, ask=False)
    qtbot.waitUntil(lambda: window.runner.is_idle(), timeout=20_000)
    members = _congress_members(db_path)
    assert shown == [members]  # once: the lines read early are the ones kept
    assert window.roster.visible_count() == members
    term = window.roster.current_term()
    assert term is not None and term.status is TermStatus.CURRENT
    assert window.roster.term_box.isEnabled()
    assert window.ctx is not None and window.add_person_action.isEnabled()
    # The roster works as any other: the next term loads through the data layer.
    with qtbot.waitSignal(window.roster.roster_shown, timeout=20_000):
        window.roster.term_box.setCurrentIndex(0 if window.roster.term_box.currentIndex() else 1)
    close(qtbot, window)


def test_before_the_database_opens_the_early_roster_is_read_only_and_yields_to_a_choice(
    qtbot, settings
):
    window = _window(qtbot, settings)
    first = read_first_roster(settings.database_url)
    assert first is not None
    window._show_first_roster(first)
    assert window.roster.visible_count() == len(first.entries) > 0
    assert not window.roster.term_box.isEnabled()
    assert not window.add_person_action.isEnabled() and not window.edit_person_action.isEnabled()
    # Another body chosen before the database opened: its roster comes with the database.
    window.navigation.select_text("主席团")
    assert window.roster.visible_count() == 0
    with qtbot.waitSignal(window.roster.roster_shown, timeout=30_000):
        window.open_database(lambda: open_context(settings))
    assert window.roster.title.text() == "主席团"
    assert window.roster.visible_count() > 0
    close(qtbot, window)


def test_a_database_that_does_not_open_takes_the_early_rows_away(qtbot, settings):
    window = _window(qtbot, settings, interactive=False)
    first = read_first_roster(settings.database_url)
    assert first is not None
    window._show_first_roster(first)

    def refused() -> Any:
        raise DomainError("database_busy")

    with qtbot.waitSignal(window.database_failed, timeout=20_000):
        window.open_database(refused)
    assert window.roster.visible_count() == 0
    close(qtbot, window)


def test_sign_in_required_shows_no_row_before_someone_signs_in(qtbot, settings, db_path):
    add_accounts(settings, db_path)
    assert read_first_roster(settings.database_url) is None
    window = _window(qtbot, settings)
    shown: list[int] = []
    window.roster.roster_shown.connect(shown.append)
    open_unlocked(window, settings, ask=False)
    dialog = sign_in_dialog(qtbot, window)
    assert shown == [] and window.roster.visible_count() == 0
    dialog.reject()
    close(qtbot, window)
