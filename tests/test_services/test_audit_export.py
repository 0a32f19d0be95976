"""Exporting the 操作记录: an .xlsx of text cells, ID numbers masked, the export itself logged;
who may read and who may export."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from models.domain.errors import DomainError
from models.entities import Setting, User
from models.services.audit.commands import export_entries
from models.services.audit.queries import list_entries, verify_chain
from models.services.people.commands import add_person, update_person
from models.store.unit_of_work import SIGN_IN_REQUIRED

from ._support import LI_SI_ID, ZHANG_SAN_ID, draft, last_log_id, log_since

NEW_ID = "11010919800102101X"


def test_export_writes_text_cells_with_masked_ids_and_is_logged(db, tmp_path):
    since = last_log_id(db)
    person = add_person(db, user="alice", draft=draft())
    update_person(
        db,
        user="alice",
        person_id=person.id,
        expected_version=1,
        draft=draft(id_number=NEW_ID),
    )
    with db.unit_of_work("alice") as uow:
        # A note that a spreadsheet would run as a formula, were it written as one.
        uow.log(action="print", entity="paper", entity_id="x", note='=HYPERLINK("http://x")')
        uow.commit()
    path = tmp_path / "操作记录.xlsx"
    done = export_entries(db, user="alice", path=path, account="alice")
    assert done.entries == len(log_since(db, since)) - 1  # all but the export's own entry

    book = load_workbook(path)
    sheet = book["操作记录"]
    rows = list(sheet.iter_rows(values_only=False))
    assert [c.value for c in rows[0]][:3] == ["编号", "时间（北京时间）", "账户"]
    assert len(rows) == done.entries + 1
    for row in rows:
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if cell.column > 1 and cell.value is not None:
                assert isinstance(cell.value, str), cell.coordinate
    text = "\n".join(str(c.value) for row in rows for c in row)
    for whole in (ZHANG_SAN_ID, NEW_ID, LI_SI_ID):
        assert whole not in text
    update = next(r for r in rows[1:] if r[5].value == "修改" and r[4].value == "人员")
    assert "身份证号：110109********1239" in update[7].value
    assert "身份证号：110109********101X" in update[8].value
    assert any(r[9].value == '\'=HYPERLINK("http://x")' for r in rows[1:])

    logged = log_since(db, since)[-1]
    assert (logged.action, logged.entity, logged.user_login) == ("export", "change_log", "alice")
    assert logged.after == {
        "file": "操作记录.xlsx",
        "entries": done.entries,
        "filters": {"account": "alice"},
    }
    assert verify_chain(db, user="alice").ok


def test_export_refuses_another_extension_and_writes_nothing(db, tmp_path):
    since = last_log_id(db)
    with pytest.raises(DomainError) as refused:
        export_entries(db, user="alice", path=tmp_path / "log.csv")
    assert refused.value.code == "audit_export_not_xlsx"
    assert not (tmp_path / "log.csv").exists()
    assert log_since(db, since) == []


def test_export_to_a_missing_folder_says_so(db, tmp_path):
    with pytest.raises(DomainError) as refused:
        export_entries(db, user="alice", path=tmp_path / "nowhere" / "log.xlsx")
    assert refused.value.code == "audit_export_unwritable"


@pytest.fixture
def accounts(db):
    """Sign-in required, with an account per role that matters here."""
    with db.unit_of_work("setup") as uow:
        for login, role in (("boss", "admin"), ("lead", "leader"), ("clerk", "secretariat")):
            uow.session.add(User(login=login, display_name=login, role=role, password_hash="x"))
        uow.session.add(Setting(key=SIGN_IN_REQUIRED, value="1"))
        uow.commit()


def test_leaders_and_admins_read_the_log_others_are_refused(db, accounts):
    assert list_entries(db, user="lead", limit=1)
    assert verify_chain(db, user="boss").ok
    for call in (
        lambda: list_entries(db, user="clerk"),
        lambda: verify_chain(db, user="clerk"),
    ):
        with pytest.raises(DomainError) as refused:
            call()
        assert refused.value.code == "role_refused"


def test_only_an_admin_exports(db, accounts, tmp_path):
    since = last_log_id(db)
    with pytest.raises(DomainError) as refused:
        export_entries(db, user="lead", path=tmp_path / "a.xlsx")
    assert refused.value.code == "role_refused"
    assert not (tmp_path / "a.xlsx").exists()
    assert log_since(db, since) == []
    assert export_entries(db, user="boss", path=tmp_path / "b.xlsx").entries > 0
