"""Print how fast every 答复函 of a term is written: `yishi print replies` over 200 replied motions.

1. A demo database (models.demo) in a temporary SQLite file, topped up through the
   services (register → submit → review → accept → assign → receive → handle → reply) until the
   current presidium term has COUNT replied or closed motions.
2. The whole `yishi --database URL print replies --term N --format pdf -o DIR` process, timed
   from launch to exit by the parent; then the same with `--format docx`. Peak memory is the
   process's ru_maxrss (os.wait4, so each step is measured on its own).
3. LibreOffice, when `soffice` is installed: the DOCX of step 2 converted to PDF in one call,
   reusing print_batch.py's helper (the shipped fonts mapped by a private fontconfig file), and
   the ratio LibreOffice / `yishi print replies --format pdf` (goal ≥ 20×). Otherwise says so.

    uv run python benchmarks/print_replies.py [COUNT]     # COUNT replied motions, default 200
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from print_batch import GOAL, _libreoffice, _pages  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 200
YISHI = Path(sys.executable).parent / ("yishi.exe" if os.name == "nt" else "yishi")
TOPICS = ("无障碍环境建设", "残疾人康复服务", "辅助器具适配", "残疾人就业创业", "温馨家园改造提升")


def build(url: str) -> int:
    """The demo plus enough replied motions; returns the presidium term's ordinal (届次)."""
    from sqlalchemy import select

    from models.demo.builder import build_demo
    from models.domain.motion_workflow import HandlingRole
    from models.domain.vocabulary import BodyKind, TermStatus
    from models.entities import HandlingUnit, Membership, Motion
    from models.services.motions.commands.handling import assign_motion, receive_motion
    from models.services.motions.commands.intake import (
        accept_motion,
        advance_motion,
        register_motion,
    )
    from models.services.motions.commands.replies import send_reply
    from models.services.motions.contracts import MotionDraft, ReplyDraft
    from models.services.papers.queries import reply_letter_targets
    from models.services.people.queries import list_terms
    from models.store.unit_of_work import open_database

    db = open_database(url)
    build_demo(db, user="bench")
    term = next(
        t
        for t in list_terms(db, kind=BodyKind.PRESIDIUM, association=None)
        if t.status is TermStatus.CURRENT
    )
    with db.session_factory() as session:
        people = list(
            session.scalars(
                select(Membership.person_id).where(Membership.term_id == term.id).distinct()
            )
        )
        unit = session.scalars(select(HandlingUnit.id).order_by(HandlingUnit.id)).first()

    def version(motion_id: int) -> int:
        with db.session_factory() as session:
            return session.get(Motion, motion_id).version

    def step(motion_id: int, action: str) -> None:
        advance_motion(
            db, user="bench", motion_id=motion_id, expected_version=version(motion_id),
            action=action,
        )  # fmt: skip

    missing = COUNT - len(reply_letter_targets(db, term=term.term))
    day = date.today() - timedelta(days=120)
    for i in range(max(missing, 0)):
        topic = TOPICS[i % len(TOPICS)]
        draft = MotionDraft(
            title=f"关于进一步加强{topic}工作的提案（{i + 1}）",
            proposer_id=people[i % len(people)],
            body_text=f"建议进一步加强{topic}工作，切实解决残疾人的实际困难。" * 4,
            submitted_on=day,
        )
        motion_id = register_motion(db, user="bench", draft=draft, term=term.term).id
        step(motion_id, "submit")
        step(motion_id, "start_review")
        accept_motion(db, user="bench", motion_id=motion_id, expected_version=version(motion_id))
        assign_motion(
            db, user="bench", motion_id=motion_id, expected_version=version(motion_id),
            units=[(unit, HandlingRole.LEAD)], assigned_on=day + timedelta(days=3),
        )  # fmt: skip
        receive_motion(
            db, user="bench", motion_id=motion_id, expected_version=version(motion_id),
            received_on=day + timedelta(days=4),
        )  # fmt: skip
        step(motion_id, "start_handling")
        send_reply(
            db,
            user="bench",
            motion_id=motion_id,
            expected_version=version(motion_id),
            reply=ReplyDraft(
                reply_class="A",
                text=f"经研究，现将{topic}有关办理情况答复如下：已列入年度工作计划，正在推进。" * 6,
                signer="王振华",
                signed_on=day + timedelta(days=40),
                sent_on=day + timedelta(days=41),
                document_number=f"门残联函〔{day.year}〕{100 + i}号",
                handler_name="刘建国",
                handler_phone="010-69842211",
            ),
        )
    total = len(reply_letter_targets(db, term=term.term))
    db.engine.dispose()
    print(f"{total} replied or closed motions in presidium term {term.term}")
    return term.term


def run(argv: list[str]) -> tuple[float, int, float]:
    """(seconds launch to exit, peak KB, CPU seconds) of one process, through os.wait4: the peak
    is the process's own, the CPU time includes its pool workers (reaped children)."""
    # The checkout's own code, not whatever the venv's `yishi` script was installed from.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
    }
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{argv} failed:\n{err.read().decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="yishi-replies-") as tmp:
        work = Path(tmp)
        url = f"sqlite:///{work / 'bench.sqlite3'}"
        start = time.perf_counter()
        term = build(url)
        print(
            f"demo + motions built in {time.perf_counter() - start:.1f} s; {os.cpu_count()} cores"
        )
        if sys.dont_write_bytecode:
            print(
                "note: PYTHONDONTWRITEBYTECODE is set: without cached bytecode every process "
                "compiles what it imports (about 1 s here); set PYTHONPYCACHEPREFIX to a "
                "writable folder and unset it to measure as an installed copy runs"
            )
        results = {}
        for fmt in ("pdf", "docx"):
            out = work / fmt
            argv = [str(YISHI), "--database", url, "--user", "bench", "print", "replies",
                    "--term", str(term), "--format", fmt, "-o", str(out)]  # fmt: skip
            seconds, peak, cpu = run(argv)
            files = sorted(out.glob(f"*.{fmt}"))
            results[fmt] = seconds
            extra = ""
            if fmt == "pdf":
                pages = [_pages(p) for p in files]
                extra = f", {min(pages)}–{max(pages)} pages each"
            print(
                f"yishi print replies --format {fmt}: {len(files)} files in {seconds:.2f} s "
                f"launch to exit ({seconds / max(len(files), 1) * 1000:.0f} ms a letter{extra}); "
                f"peak memory {peak / 1024:.0f} MB; CPU {cpu:.2f} s"
            )
        lo = _libreoffice(work / "docx", work)
        if lo is None:
            print("LibreOffice (soffice) is not installed: the 20× goal is not measured.")
            return
        seconds, peak, written = lo
        ratio = seconds / results["pdf"]
        print(
            f"LibreOffice, {written} DOCX → PDF in one call: {seconds:.2f} s; peak memory "
            f"{peak / 1024:.0f} MB (largest child process so far)"
        )
        verdict = "met" if ratio >= GOAL else "not met"
        print(f"yishi PDF vs LibreOffice: {ratio:.1f}× faster (goal ≥ {GOAL:.0f}×: {verdict})")


if __name__ == "__main__":
    main()
