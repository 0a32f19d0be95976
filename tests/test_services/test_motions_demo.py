"""The demo's motions: about 40, every state, some overdue, some merged, some re-handled."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from models.domain.motion_workflow import MotionState
from models.entities import Motion, MotionStateChange
from models.services.motions.queries import get_motion, list_motions


def test_demo_motions_cover_every_state(demo_db, demo_summary):
    db, summary = demo_db, demo_summary
    rows = list_motions(db)
    assert summary.motions == len(rows)
    assert 35 <= len(rows) <= 45
    assert set(Counter(r.state for r in rows)) == set(MotionState)
    assert any(r.is_overdue for r in rows)
    assert any(r.state is MotionState.HANDLING and not r.is_overdue for r in rows)
    numbers = sorted(r.number for r in rows if r.number is not None)
    assert numbers == list(range(1, len(numbers) + 1))
    merged = [r for r in rows if r.state is MotionState.MERGED]
    assert merged and all(r.lead_motion_id and r.lead_unit for r in merged)
    with db.session_factory() as session:
        rehandled = session.scalars(select(Motion).where(Motion.rehandling_rounds > 0)).all()
        assert {MotionState(m.state) for m in rehandled} == {
            MotionState.REHANDLING,
            MotionState.CLOSED,
        }
        # every motion's history ends in its state
        for motion in session.scalars(select(Motion)):
            last = session.scalars(
                select(MotionStateChange)
                .where(MotionStateChange.motion_id == motion.id)
                .order_by(MotionStateChange.id.desc())
            ).first()
            assert (last.to_state if last else "draft") == motion.state
    detail = get_motion(db, rows[0].id)
    assert detail.history
