"""The session's demo (tests/conftest.py) is shared: what a test writes to it is gone for the next."""

import shutil

from models.entities import ChangeLog, Person
from models.services.common.settings import RULES_ID, get_setting, record_rules
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database

from ._support import count


def test_the_shared_demo_is_the_one_built_and_a_test_may_write_to_it(demo_db, demo_summary):
    assert count(demo_db, Person) == demo_summary.people > 0
    assert get_setting(demo_db, RULES_ID) is None
    logged = count(demo_db, ChangeLog)
    assert record_rules(demo_db, user="clerk", rules_id="probe", content="")
    assert get_setting(demo_db, RULES_ID) == "probe"
    assert count(demo_db, ChangeLog) > logged


def test_the_next_test_sees_the_demo_as_built(demo_db, demo_summary):
    assert get_setting(demo_db, RULES_ID) is None
    assert count(demo_db, Person) == demo_summary.people


def test_the_sqlite_file_stays_as_built(demo_sqlite_db, demo_sqlite_file, tmp_path):
    """Window and command-line tests copy the file: the service tests' writes never reach it."""
    record_rules(demo_sqlite_db, user="clerk", rules_id="probe", content="")
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(demo_sqlite_file, copy)
    engine = create_database_engine(f"sqlite:///{copy}")
    try:
        assert get_setting(Database(engine), RULES_ID) is None
    finally:
        engine.dispose()
