"""Print how the main window copes with 100,000 people in 人员库: load, search keystrokes, memory.

The demo plus PEOPLE extra people (benchmarks/people_search.py's `fill`) go into a temporary
SQLite file in one child process; a second, fresh child (QT_QPA_PLATFORM=offscreen) opens the main
window on it, goes to 人员库 and types into the search box. The parent stays light: Linux carries
ru_maxrss over fork and exec, so only then does the peak count the window and not the build. A keystroke is timed from setText() through the model reset to the end of
QApplication.processEvents() (the table repainted).

    uv run python benchmarks/roster.py [PEOPLE]     # default 100000; 10000 for a quick run
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEOPLE = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000
# "" is the clear button; Chinese arrives as committed IME text.
KEYSTROKES = [
    *("z", "zh", "zha", "zhan", "zhang", ""),
    *("w", "wx", "wxy", ""),
    *("1", "12", "123", "1234", ""),
    *("张", "张伟"),
]
PASSES = 3
WAIT_MS = 300_000


def _rss_mb() -> float:
    """Resident memory now (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def measure(database: str) -> None:
    """In this process: the window on `database`, 人员库, keystrokes; prints the figures."""
    from PySide6.QtCore import QEventLoop, QTimer

    from desktop.gui import application, build_window, open_context
    from desktop.settings import StartupSettings

    settings = StartupSettings(database_url=f"sqlite:///{database}", user="bench")
    app = application()
    print(f"before the window: RSS {_rss_mb():.0f} MB, peak {_peak_mb():.0f} MB (Qt imported)")

    def wait_shown() -> int:
        loop, got = QEventLoop(), {"rows": None}

        def shown(rows: int) -> None:
            got["rows"] = rows
            loop.quit()

        def failed(text: str) -> None:
            got["rows"] = text
            loop.quit()

        window.roster.roster_shown.connect(shown)
        window.roster.load_failed.connect(failed)
        window.database_failed.connect(failed)
        QTimer.singleShot(WAIT_MS, loop.quit)
        loop.exec()
        window.roster.roster_shown.disconnect(shown)
        window.roster.load_failed.disconnect(failed)
        window.database_failed.disconnect(failed)
        if not isinstance(got["rows"], int):
            raise SystemExit(f"roster not shown: {got['rows']}")
        return got["rows"]

    window = build_window(settings, interactive=False)
    window.show()
    started = time.perf_counter()
    window.open_database(lambda: open_context(settings))
    first = wait_shown()
    app.processEvents()
    print(
        f"first roster ({first} rows) shown {time.perf_counter() - started:.2f} s after opening; "
        f"RSS {_rss_mb():.0f} MB"
    )

    started = time.perf_counter()
    window.navigation.select_text("人员库")
    rows = wait_shown()
    shown_at = time.perf_counter() - started
    app.processEvents()
    painted_at = time.perf_counter() - started
    print(
        f"人员库: {rows:,} rows shown in {shown_at:.2f} s (painted {painted_at:.2f} s); "
        f"RSS {_rss_mb():.0f} MB"
    )

    search = window.roster.search
    times: dict[int, list[float]] = {i: [] for i in range(len(KEYSTROKES))}
    hits: dict[int, int] = {}
    for _ in range(PASSES):
        search.setText("")
        app.processEvents()
        for i, text in enumerate(KEYSTROKES):
            started = time.perf_counter()
            search.setText(text)
            app.processEvents()
            times[i].append(time.perf_counter() - started)
            hits[i] = window.roster.visible_count()

    print(f"\nsearch keystrokes (median of {PASSES} passes):")
    for i, text in enumerate(KEYSTROKES):
        label = repr(text) if text else "(clear)"
        print(f"  {label:10} {statistics.median(times[i]) * 1000:8.1f} ms  {hits[i]:>7,} rows")
    every = [t for ts in times.values() for t in ts]
    typed = [t for i, ts in times.items() if KEYSTROKES[i] for t in ts]
    cleared = [t for i, ts in times.items() if not KEYSTROKES[i] for t in ts]
    print(f"\nmedian per keystroke:      {statistics.median(every) * 1000:7.1f} ms (goal <= 50 ms)")
    print(f"  typing only:             {statistics.median(typed) * 1000:7.1f} ms")
    print(f"  clear (all rows back):   {statistics.median(cleared) * 1000:7.1f} ms")
    print(f"  slowest:                 {max(every) * 1000:7.1f} ms")
    print(f"peak memory (ru_maxrss):   {_peak_mb():7.0f} MB (goal <= 400 MB)")
    print(f"RSS at the end:            {_rss_mb():7.0f} MB")
    window.close()


def prepare(database: Path, count: int) -> None:
    # benchmarks/ is on sys.path when run as a script; people_search reads argv[1] (PEOPLE) too.
    from people_search import fill

    from desktop.database import connect
    from desktop.settings import StartupSettings
    from models.demo.builder import build_demo

    db = connect(StartupSettings(database_url=f"sqlite:///{database}", user="bench"))
    started = time.perf_counter()
    build_demo(db, user="bench")
    fill(db, count)
    print(f"demo + {count:,} people written in {time.perf_counter() - started:.1f} s")
    db.engine.dispose()


def _child(mode: str, database: Path) -> int:
    """Run this script again as `mode`, dropping the offscreen plugin's size-hint warnings."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, __file__, str(PEOPLE), mode, str(database)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    for line in done.stderr.splitlines():
        if "propagateSizeHints" not in line:
            print(line, file=sys.stderr)
    return done.returncode


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "roster.sqlite3"
        code = _child("--prepare", database) or _child("--measure", database)
    print(f"({os.cpu_count()} cores)")
    sys.exit(code)


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[2] == "--prepare":
        prepare(Path(sys.argv[3]), PEOPLE)
    elif len(sys.argv) > 3 and sys.argv[2] == "--measure":
        measure(sys.argv[3])
    else:
        main()
