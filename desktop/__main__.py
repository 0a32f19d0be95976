"""Entry point of `yishi`, `yishiw` and `python -m desktop`: a subcommand runs headless."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version


def app_version() -> str:
    try:
        return version("yishi")
    except PackageNotFoundError:
        return "0.0.0"


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.cli.app import GuiRequest, run

    arguments = list(sys.argv[1:] if argv is None else argv)
    outcome = run(arguments, app_version())
    if isinstance(outcome, GuiRequest):
        # Imported by name so that the headless commands never load Qt.
        gui = importlib.import_module("desktop.gui")
        return gui.run_gui(outcome.settings, smoke=outcome.smoke)
    return outcome


def console_main() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    sys.exit(main())


if __name__ == "__main__":
    console_main()
