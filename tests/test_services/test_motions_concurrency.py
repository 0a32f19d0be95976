"""Numbers stay unique and gap-free when several clerks accept motions at the same moment."""

from __future__ import annotations

import multiprocessing

from models.services.motions.commands.intake import accept_motion, advance_motion
from models.services.motions.queries import list_motions
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database

from .test_motions_setup import build_setup, new_motion

CLERKS, EACH = 4, 6


def _accept_all(url: str, user: str, motion_ids: list[int], barrier) -> None:  # type: ignore[no-untyped-def]
    engine = create_database_engine(url)
    db = Database(engine)
    barrier.wait()
    for motion_id in motion_ids:
        accept_motion(db, user=user, motion_id=motion_id, expected_version=None)
    engine.dispose()


def test_concurrent_acceptances_on_postgresql_number_one_to_n(fresh, postgres_available):
    url = fresh.url("postgresql")
    engine = create_database_engine(url)
    from models.store import migrate

    migrate.upgrade(engine)
    db = Database(engine)
    setup = build_setup(db, calendar=False)
    ids = []
    for i in range(CLERKS * EACH):
        motion_id = new_motion(db, setup, f"提案{i}")
        for action in ("submit", "start_review"):
            advance_motion(
                db, user="clerk", motion_id=motion_id, expected_version=None, action=action
            )
        ids.append(motion_id)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(CLERKS)
    workers = [
        context.Process(target=_accept_all, args=(url, f"clerk{n}", ids[n::CLERKS], barrier))
        for n in range(CLERKS)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0] * CLERKS
    rows = list_motions(db)
    numbers = sorted(r.number for r in rows)
    assert numbers == list(range(1, CLERKS * EACH + 1))
    assert {r.number_text for r in rows} == {f"第{n}号" for n in numbers}
    engine.dispose()
