"""Print how long the demo build takes and how fast people search is over 100,000 people (SQLite)."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from models.demo.builder import build_demo
from models.demo.names import GIVEN_FEMALE, GIVEN_MALE, SURNAMES
from models.domain.identity import check_digit
from models.domain.search_keys import pinyin_keys, sort_key
from models.entities import Person
from models.services.people.contracts import PeopleFilter
from models.services.people.queries import list_people
from models.store.unit_of_work import open_database

PEOPLE = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000


def fill(db, count: int) -> None:
    rng = random.Random(1)
    now = datetime.now(UTC)
    rows, seen = [], set()
    while len(rows) < count:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN_MALE + GIVEN_FEMALE)
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(20000))
        first17 = f"{rng.randrange(110000, 660000)}{born:%Y%m%d}{rng.randrange(1000):03d}"
        id_number = first17 + check_digit(first17)
        if id_number in seen:
            continue
        seen.add(id_number)
        full, initials = pinyin_keys(name)
        rows.append(
            dict(
                name=name,
                gender="男" if int(first17[16]) % 2 else "女",
                id_number=id_number,
                birth_date=born,
                pinyin_full=full,
                pinyin_initials=initials,
                pinyin_sort=sort_key(name),
                version=1,
                created_at=now,
                updated_at=now,
                updated_by="bench",
            )
        )
    with db.unit_of_work("bench") as uow:
        uow.session.execute(insert(Person), rows)
        uow.commit()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        db = open_database(url)
        started = time.perf_counter()
        build_demo(db, user="bench")
        print(f"demo build: {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        fill(db, PEOPLE)
        print(f"inserted {PEOPLE:,} more people in {time.perf_counter() - started:.1f} s")
        for query in ["zs", "zhang", "张", "1239", "wxy"]:
            times, hits = [], 0
            for _ in range(5):
                started = time.perf_counter()
                hits = len(list_people(db, user="bench", where=PeopleFilter(search=query)))
                times.append(time.perf_counter() - started)
            print(
                f"search {query!r:8}: median {statistics.median(times) * 1000:7.1f} ms, {hits} hits"
            )
        db.engine.dispose()


if __name__ == "__main__":
    main()
