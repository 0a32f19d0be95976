"""A writing service SIGKILLed at random moments, ten times: nothing committed is lost or torn.

The child registers people and adds each to a term in a loop (two commands, two units of work
per person) through the real services on an SQLite file, and prints each person's number once
both have returned. The parent kills it at a random moment, then checks the file opens, passes
`PRAGMA integrity_check` and `foreign_key_check`, and that every committed record is whole: each
person printed is there with their membership, every membership has its person and its change-log
row, and nobody has two open seats.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.domain.vocabulary import BodyKind, TermStatus
from models.services.terms.commands import open_term
from models.store.unit_of_work import open_database

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX"),
]

KILLS = 10
ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from models.domain.identity import check_digit
from models.services.people.commands import add_membership, add_person
from models.services.people.contracts import MembershipDraft, PersonDraft
from models.store.unit_of_work import open_database

url, term_id, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
db = open_database(url)
seat = MembershipDraft(position="代表", status="candidate")
print("ready", flush=True)
number = start
while True:
    # An odd sequence number for 男; a new area code every 500 people.
    first17 = f"{110100 + number // 500}19800102{(number % 500) * 2 + 1:03d}"
    person = add_person(
        db,
        user="prober",
        draft=PersonDraft(name=f"成员{number}", gender="男", id_number=first17 + check_digit(first17)),
    )
    add_membership(db, user="prober", person_id=person.id, term_id=term_id, draft=seat)
    print(number, flush=True)
    number += 1
"""


def _check(path: Path, term_id: int, printed: list[int], kills: int) -> int:
    """The file after a kill: sound, and every committed record whole; how many people."""
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        people = dict(connection.execute("SELECT name, id FROM person").fetchall())
        for number in printed:
            assert f"成员{number}" in people, number
        seats = connection.execute(
            "SELECT m.id, m.person_id, p.name, m.status FROM membership m "
            "LEFT JOIN person p ON p.id = m.person_id WHERE m.term_id = ?",
            (term_id,),
        ).fetchall()
        assert all(name is not None and status == "candidate" for _, _, name, status in seats)
        seated = [person_id for _, person_id, _, _ in seats]
        assert len(seated) == len(set(seated))  # nobody twice
        assert {people[f"成员{n}"] for n in printed} <= set(seated)
        # A person without a seat is one a kill caught between the two commands: one a kill.
        assert len(set(people.values()) - set(seated)) <= kills
        logged = {
            (entity, int(entity_id))
            for entity, entity_id in connection.execute(
                "SELECT entity, entity_id FROM change_log WHERE action = 'insert' "
                "AND entity IN ('person', 'membership')"
            )
        }
        assert {("membership", m) for m, _, _, _ in seats} <= logged
        assert {("person", p) for p in people.values()} <= logged
        return len(people)


def test_a_writing_service_killed_ten_times_loses_nothing_committed(tmp_path):
    path = tmp_path / "probe.sqlite3"
    url = f"sqlite:///{path}"
    db = open_database(url)
    term_id = open_term(
        db, user="setup", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT
    ).id
    db.engine.dispose()

    chance = random.Random(os.environ.get("YISHI_PROBE_SEED", "13"))
    registered = 0
    for kills in range(1, KILLS + 1):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, url, str(term_id), str(registered)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        first = child.stdout.readline().strip()  # writing now (the first write loads pinyin)
        assert first.isdigit(), child.stderr.read()
        time.sleep(chance.uniform(0.0, 0.5))
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        printed = [int(first), *(int(line) for line in out.split())]
        registered = _check(path, term_id, printed, kills)
    assert registered > 2 * KILLS  # the child did write between the kills
