"""Entry point of `yishi`, `yishiw` and `python -m desktop`: a subcommand runs headless."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version


def app_version() -> str:
    try:
        return version("yishi")
    except PackageNotFoundError:
        return "0.0.0"


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.cli.app import run
    from desktop.cli.parser import build_parser

    arguments = list(sys.argv[1:] if argv is None else argv)
    code = run(arguments, app_version())
    if code is None:
        # No subcommand: the desktop window arrives with the GUI; until then, show the commands.
        build_parser(app_version()).print_help()
        return 0
    return code


def console_main() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    sys.exit(main())


if __name__ == "__main__":
    console_main()
