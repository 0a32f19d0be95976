"""Print how fast the main window paints, and shows the demo roster, against a bare PySide6 window.

Every measurement is a cold start of Python + Qt in a fresh subprocess (QT_QPA_PLATFORM=offscreen),
timed from the parent's launch (time.time() just before Popen) to the time.time() the child prints.
The child's own clock (time.perf_counter() at the very top of this file) is printed too: it leaves
out the interpreter's start-up. The Yishi window is started twice: as the window's own start
(`desktop.gui`'s functions, as before), and as the clerk starts it, `yishi gui` through
`desktop/__main__.py` (the command line's imports, parser and settings first).

    uv run python benchmarks/startup.py [RUNS]     # RUNS per variant, default 5
"""

import time

_TOP_PERF = time.perf_counter()  # before any other import: the child's own zero
_TOP_WALL = time.time()

import sys  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 5
CHILD_TIMEOUT_S = 120


# --- children: keep their imports inside, so the bare child imports nothing but Qt ---------------


def _report(label: str) -> None:
    # The process's CPU time so far (user + system, the interpreter's start included) as well:
    # on a shared machine it moves less than the clock.
    print(
        f"{label} {time.time():.6f} {time.perf_counter() - _TOP_PERF:.6f} {time.process_time():.6f}",
        flush=True,
    )


def _first_paint_watch(widgets, on_first):  # type: ignore[no-untyped-def]
    """Call on_first() once, at the first QEvent.Paint any of `widgets` receives."""
    from PySide6.QtCore import QEvent, QObject

    class Watch(QObject):
        seen = False

        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
            if not self.seen and event.type() == QEvent.Type.Paint:
                self.seen = True
                on_first()
            return False

    watch = Watch()
    for widget in widgets:
        widget.installEventFilter(watch)
    return watch


def child_bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    label = QLabel("议事")
    window.setCentralWidget(label)
    window.resize(1280, 800)

    def painted() -> None:
        _report("paint")
        QTimer.singleShot(0, app.quit)

    watch = _first_paint_watch([window, label], painted)  # noqa: F841
    QTimer.singleShot(CHILD_TIMEOUT_S * 1000, lambda: app.exit(1))
    window.show()
    sys.exit(app.exec())


def _watch_until_rows(app, window) -> None:  # type: ignore[no-untyped-def]
    """Report the window's first paint, the first roster shown and its rows painted; then quit."""
    from PySide6.QtCore import QTimer

    state = {"rows": -1}

    def rows_painted() -> None:
        _report("rows_painted")
        print(f"row_count {state['rows']}", flush=True)
        window.close()
        app.quit()

    def shown(rows: int) -> None:
        if state["rows"] >= 0:
            return
        state["rows"] = rows
        _report("rows")
        # One more paint: the table's viewport with the rows in it.
        state["rows_watch"] = _first_paint_watch([window.roster.table.viewport()], rows_painted)

    def failed(text: str) -> None:
        sys.stderr.write(f"{text}\n")
        app.exit(1)

    def complete() -> None:
        window.roster.roster_shown.connect(shown)
        window.roster.load_failed.connect(failed)

    state["watch"] = _first_paint_watch([window, window.centralWidget()], lambda: _report("paint"))
    window.database_failed.connect(failed)
    if getattr(window, "is_complete", True):
        complete()
    else:  # started in two steps: the roster panel is built after the frame's first paint
        window.completed.connect(complete)
    QTimer.singleShot(CHILD_TIMEOUT_S * 1000, lambda: app.exit(1))
    _kept.append(state)  # the watches live as long as the process


_kept: list[object] = []


def child_yishi(database: str) -> None:
    import os

    from PySide6.QtCore import QTimer

    from desktop import gui
    from desktop.settings import StartupSettings

    settings = StartupSettings(database_url=f"sqlite:///{database}", user="bench")
    app = gui.application()
    # As desktop.gui.run_gui does it: the first roster read through the driver while the data
    # layer opens the database on the worker lane (FIRST_ROSTER=0: without it).
    first = os.environ.get("FIRST_ROSTER", "1") != "0"
    if hasattr(gui, "start"):  # the frame painted first, then the roster panel (issue 18)
        window = gui.start(settings, interactive=False, ask=False, first_roster=first)
        _watch_until_rows(app, window)
    else:  # the commit before: show, then open
        window = gui.build_window(settings, interactive=False)
        _watch_until_rows(app, window)
        window.show()
        QTimer.singleShot(
            0, lambda: gui.open_unlocked(window, settings, ask=False, first_roster=first)
        )
    sys.exit(app.exec())


def child_command_line(database: str) -> None:
    """As the clerk starts it: `yishi gui` through desktop/__main__.py, so the command line's
    own work (its imports, the argument parser, the settings) counts, and run_gui as it is.
    Only desktop.gui.build_window is wrapped, as the module is imported, to watch the window."""
    import importlib

    import_module = importlib.import_module

    def watching_import(name: str, package: str | None = None):  # type: ignore[no-untyped-def]
        module = import_module(name, package)
        if name == "desktop.gui" and not hasattr(module.build_window, "watched"):
            build_window = module.build_window

            def watched_build_window(*args, **kwargs):  # type: ignore[no-untyped-def]
                window = build_window(*args, **kwargs)
                _watch_until_rows(module.application(), window)
                return window

            watched_build_window.watched = True
            module.build_window = watched_build_window
        return module

    importlib.import_module = watching_import
    from desktop.__main__ import main

    sys.exit(main(["gui", "--database", f"sqlite:///{database}", "--user", "bench"]))


# --- parent ---------------------------------------------------------------------------------------


def _prepare(folder: str) -> str:
    """The demo on an SQLite file, opened once as the app would so later opens find no work."""
    from pathlib import Path

    from desktop.database import connect
    from desktop.settings import StartupSettings
    from models.demo.builder import build_demo
    from models.store.unit_of_work import open_database

    path = Path(folder) / "demo.sqlite3"
    db = open_database(f"sqlite:///{path}")
    build_demo(db, user="bench")
    db.engine.dispose()
    connect(StartupSettings(database_url=f"sqlite:///{path}", user="bench")).engine.dispose()
    return str(path)


def _launch(args: list[str]) -> dict[str, float]:
    """Run one child; the seconds from launch to each line it printed, and its own perf times."""
    import os
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    launched = time.time()
    done = subprocess.run(
        [sys.executable, __file__, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S + 30,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"child {args} exited {done.returncode}:\n{done.stderr}")
    marks: dict[str, float] = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if parts[0] == "row_count":
            marks["row_count"] = float(parts[1])
        elif len(parts) == 4:
            marks[parts[0]] = float(parts[1]) - launched
            marks[parts[0] + "_own"] = float(parts[2])
            marks[parts[0] + "_cpu"] = float(parts[3])
    return marks


def main() -> None:
    import os
    import statistics
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        database = _prepare(folder)
        bare_args, yishi_args = ["--child", "bare"], ["--child", "yishi", database]
        command_args = ["--child", "command-line", database]
        _launch(bare_args)  # warm the disk cache; not counted
        _launch(yishi_args)
        _launch(command_args)
        bare, yishi, command = [], [], []
        for _ in range(RUNS):  # interleaved, so drift hits all alike
            bare.append(_launch(bare_args))
            yishi.append(_launch(yishi_args))
            command.append(_launch(command_args))

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    b_paint, y_paint = med(bare, "paint"), med(yishi, "paint")
    y_rows, y_rows_painted = med(yishi, "rows"), med(yishi, "rows_painted")
    print(f"{RUNS} runs each, medians, {os.cpu_count()} cores, QT_QPA_PLATFORM=offscreen")
    print(f"demo roster shown with {int(yishi[0]['row_count'])} rows")
    print()

    def row(label: str, runs: list[dict[str, float]], key: str) -> None:
        launch, own = med(runs, key) * 1000, med(runs, key + "_own") * 1000
        cpu = med(runs, key + "_cpu") * 1000
        print(f"{label:34}{launch:10.0f}ms{own:10.0f}ms{cpu:10.0f}ms")

    print(f"{'':34}{'from launch':>12}{'own clock':>12}{'CPU time':>12}")
    row("bare window first paint", bare, "paint")
    row("yishi first paint", yishi, "paint")
    row("yishi rows visible (roster_shown)", yishi, "rows")
    row("yishi rows painted", yishi, "rows_painted")
    row("`yishi gui` first paint", command, "paint")
    row("`yishi gui` rows visible", command, "rows")
    print()
    print("per run (ms from launch): bare paint | yishi paint, rows, rows painted | `yishi gui`")
    for b, y, c in zip(bare, yishi, command, strict=True):
        print(
            f"  {b['paint'] * 1000:6.0f} | {y['paint'] * 1000:6.0f} {y['rows'] * 1000:6.0f}"
            f" {y['rows_painted'] * 1000:6.0f} | {c['paint'] * 1000:6.0f} {c['rows'] * 1000:6.0f}"
        )
    print()
    c_paint, c_rows = med(command, "paint"), med(command, "rows")
    cpu_ratio = med(yishi, "paint_cpu") / med(bare, "paint_cpu")
    print(f"first paint / bare in CPU time: {cpu_ratio:.2f}x (`yishi gui`: ", end="")
    print(f"{med(command, 'paint_cpu') / med(bare, 'paint_cpu'):.2f}x)")
    print(f"`yishi gui` (desktop/__main__.py) first paint / bare: {c_paint / b_paint:.2f}x,")
    print(f"                                  rows visible / bare: {c_rows / b_paint:.2f}x")
    print(f"rows painted / bare:  {y_rows_painted / b_paint:.2f}x")
    print(f"first paint / bare:   {y_paint / b_paint:.2f}x  (goal <= 1.3x)")
    print(f"rows visible / bare:  {y_rows / b_paint:.2f}x  (goal <= 3x)")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        if sys.argv[2] == "bare":
            child_bare()
        elif sys.argv[2] == "command-line":
            child_command_line(sys.argv[3])
        else:
            child_yishi(sys.argv[3])
    else:
        main()
