"""The roster and the people, terms and settings dialogs as a 只读 clerk, a leader and the
secretariat see them: refused buttons greyed with the reason, fields read-only, and a selection
that enables the main window's actions does not bring a refused one back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox

from models.domain.roles import Role
from models.domain.vocabulary import BodyKind
from views.people.membership_dialog import EditMembershipDialog, EndMembershipDialog
from views.people.person_dialog import PersonDialog
from views.people.roster_import_dialog import RosterImportDialog
from views.settings.auto_backup_dialog import AutoBackupDialog
from views.settings.profile_dialog import ProfileDialog
from views.terms.terms_dialog import TermsDialog
from views.terms.units_dialog import UnitsDialog

from .helpers import WindowHarness
from .roles_support import as_role, assert_not_refused, assert_refused

SHOTS = Path("/tmp/gating")


def test_a_reader_opens_a_person_and_a_membership_to_read(harness: WindowHarness) -> None:
    """The main window's own actions are gated by the main window (MainSession._apply_roles);
    the dialogs behind them open read-only for a role that may not change people."""
    h = harness
    reader = as_role(h.ctx, Role.READONLY)
    h.window.ctx = reader
    entry = h.select(lambda e: e.membership_id is not None)
    SHOTS.mkdir(exist_ok=True)
    assert h.window.grab().save(str(SHOTS / "roster_readonly.png"))

    w = h.window
    person = h.person(entry.person_id)
    dialog = PersonDialog(w.runner, reader, person, w)
    h.qtbot.addWidget(dialog)
    assert_refused(dialog.ok_button(), Role.READONLY, "people.edit")
    assert dialog.name.isReadOnly() and dialog.name.text() == person.name
    assert not dialog.gender.isEnabled()
    assert dialog.id_number.placeholderText() == person.id_number  # masked, as the roster shows
    assert "*" in person.id_number
    dialog.validate()  # what typing does: enables 保存 when the fields are valid
    assert_refused(dialog.ok_button(), Role.READONLY, "people.edit")
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "关闭" and cancel.isEnabled()
    dialog.show()
    assert dialog.grab().save(str(SHOTS / "person_readonly.png"))

    editing = EditMembershipDialog(w.runner, reader, entry, w)
    h.qtbot.addWidget(editing)
    editing.show()
    h.qtbot.waitUntil(lambda: editing.facts is not None)
    h.idle()
    assert editing.facts is not None
    assert_refused(editing.ok_button(), Role.READONLY, "people.edit")
    assert editing.facts.start_basis.isReadOnly()

    ending = EndMembershipDialog(w.runner, reader, entry, w)
    h.qtbot.addWidget(ending)
    assert_refused(ending.ok_button(), Role.READONLY, "people.edit")
    ending.end_date.setText("2026-01-01")  # validate() enables 结束任职 for a valid date
    assert_refused(ending.ok_button(), Role.READONLY, "people.edit")


def test_the_secretariat_edits_people(harness: WindowHarness) -> None:
    h = harness
    entry = h.select(lambda e: e.membership_id is not None)
    dialog = PersonDialog(
        h.window.runner, as_role(h.ctx, Role.SECRETARIAT), h.person(entry.person_id)
    )
    h.qtbot.addWidget(dialog)
    assert_not_refused([dialog.ok_button()])
    assert dialog.ok_button().isEnabled() and not dialog.name.isReadOnly()


def test_terms_and_units_are_read_by_a_reader_and_changed_by_the_secretariat(
    harness: WindowHarness,
) -> None:
    h = harness
    term = h.roster.current_term()
    assert term is not None
    for role in (Role.READONLY, Role.LEADER, Role.SECRETARIAT):
        ctx = as_role(h.ctx, role)
        terms = TermsDialog(
            h.window.runner, ctx, kind=BodyKind.CONGRESS, association=None, body_name="代表大会"
        )
        h.qtbot.addWidget(terms)
        terms.show()
        h.qtbot.waitUntil(lambda t=terms: t.loaded)
        terms.table.selectRow(0)  # a selection enables by state (_update_buttons)
        buttons = [terms.open_button, terms.dates_button, terms.current_button]
        units = UnitsDialog(h.window.runner, ctx, term=term)
        h.qtbot.addWidget(units)
        h.idle()
        units.table.selectRow(1)
        unit_buttons = [units.add_button, units.rename_button, units.delete_button]
        if role is Role.SECRETARIAT:
            assert_not_refused(buttons + unit_buttons)
            assert terms.open_button.isEnabled() and units.rename_button.isEnabled()
            assert units.table.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
        else:
            for button in buttons:
                assert_refused(button, role, "terms.edit")
            for button in unit_buttons:
                assert_refused(button, role, "electoral.edit")
            assert units.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        terms.close()
        units.close()


def test_roster_import_previews_for_a_reader_but_imports_for_the_secretariat(
    harness: WindowHarness,
) -> None:
    h = harness
    term = h.roster.current_term()
    assert term is not None
    for role, refused in ((Role.READONLY, True), (Role.SECRETARIAT, False)):
        dialog = RosterImportDialog(
            h.window.runner,
            as_role(h.ctx, role),
            kind=BodyKind.CONGRESS,
            association=None,
            term=term,
        )
        h.qtbot.addWidget(dialog)
        assert dialog.read_button.property("yishiRefusal") is None
        if refused:
            assert_refused(dialog.import_all, role, "rosters.import")
            assert_refused(dialog.import_valid, role, "rosters.import")
        else:
            assert_not_refused([dialog.import_all, dialog.import_valid])


def test_settings_are_the_administrator_s(harness: WindowHarness) -> None:
    h = harness
    secretariat = as_role(h.ctx, Role.SECRETARIAT)
    profile = ProfileDialog(h.window.runner, secretariat, h.window)
    h.qtbot.addWidget(profile)
    h.idle()
    assert_refused(profile.ok_button(), Role.SECRETARIAT, "federation.set_up")
    assert_refused(profile.replace_button, Role.SECRETARIAT, "federation.rules")
    assert all(e.isReadOnly() for e in profile.profile_fields.edits.values())
    backup = AutoBackupDialog(h.window.runner, secretariat, h.window)
    h.qtbot.addWidget(backup)
    h.idle()
    assert_refused(backup.ok_button(), Role.SECRETARIAT, "settings.edit")
    assert_refused(backup.browse, Role.SECRETARIAT, "settings.edit")
    assert backup.folder.isReadOnly() and not backup.schedule.isEnabled()

    admin = as_role(h.ctx, Role.ADMIN)
    profile = ProfileDialog(h.window.runner, admin, h.window)
    h.qtbot.addWidget(profile)
    h.idle()
    assert_not_refused([profile.ok_button(), profile.replace_button])
    assert profile.ok_button().isEnabled()
