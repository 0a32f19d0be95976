"""Entry point of `yishi`, `yishiw` and `python -m desktop`: a subcommand runs headless."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence


def app_version() -> str:
    """The installed version; looked up only for --version and a crash report, as importing
    importlib.metadata (the email parser and more) takes ~25 ms of every start."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("yishi")
    except PackageNotFoundError:
        return "0.0.0"


def main(argv: Sequence[str] | None = None, *, own_process: bool = False) -> int:
    """Run `yishi ARGV`; every failure is a message and an exit code, never a traceback.
    `own_process`: the process ends with the command (`console_main`), so a command may end it
    itself once its output is out; not when main is called inside another program or a test."""
    from desktop.cli.app import GuiRequest, failed, run

    arguments = list(sys.argv[1:] if argv is None else argv)
    outcome = run(arguments, app_version, own_process=own_process)
    if isinstance(outcome, GuiRequest):
        try:
            # Imported by name so that the headless commands never load Qt.
            gui = importlib.import_module("desktop.gui")
            return int(gui.run_gui(outcome.settings, smoke=outcome.smoke))
        except (SystemExit, GeneratorExit):
            raise
        except BaseException as error:  # the window could not even start
            return failed(error, argv=arguments, version=app_version, as_json=False)
    return outcome


def console_main() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    code = main(own_process=True)
    try:
        # What is still buffered goes out now, where a closed pipe can be caught.
        sys.stdout.flush()
    except BrokenPipeError:
        from desktop.cli.app import quiet_stdout

        quiet_stdout()
    sys.exit(code)


if __name__ == "__main__":
    console_main()
