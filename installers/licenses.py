"""Gather the licences of everything an installer bundles, and check that none is missing.

  python3 installers/licenses.py collect SITE_PACKAGES OUT_DIR
      For each *.dist-info: its licence files (licenses/… and LICENSE*/LICENCE*/COPYING*/
      NOTICE* at its top) copied as OUT_DIR/<dist-info name>-<file>; a package that ships none
      gets OUT_DIR/<name>-LICENSE.txt written from its METADATA (License, License-Expression,
      licence classifiers). Also the LGPL-3.0 and GPL-3.0 texts (Qt/PySide6 are LGPL-3.0, whose
      wheels ship only Qt's commercial notice; Yishi itself is GPL-3.0-or-later) and the fonts'.
  python3 installers/licenses.py check SITE_PACKAGES LICENSES_DIR
      Exit 1, naming them, if any dist-info has no file in LICENSES_DIR, or Qt's LGPL, the GPL
      or a font licence is missing.

Standard library only: it runs with the build machine's python3.
"""

from __future__ import annotations

import shutil
import sys
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FONT_LICENCES = (
    "NotoSansSC-OFL.txt",
    "NotoSerifSC-OFL.txt",
    "Fandol-COPYING.txt",
    "Fandol-NOTICE.txt",
)
COMMON = (
    # (file written, where Debian-family systems keep the text, the package it is for)
    ("Qt-PySide6-LGPL-3.0.txt", "/usr/share/common-licenses/LGPL-3", "Qt 6 and PySide6"),
    ("GPL-3.0.txt", "/usr/share/common-licenses/GPL-3", "Yishi, and Qt's LGPL-3.0 builds on it"),
)
LICENCE_PREFIXES = ("licen", "copying", "notice")


def licence_files(info: Path) -> list[Path]:
    found = [p for p in sorted((info / "licenses").rglob("*")) if p.is_file()]
    found += [
        p
        for p in sorted(info.iterdir())
        if p.is_file() and p.name.lower().startswith(LICENCE_PREFIXES)
    ]
    return found


def metadata_licence(info: Path) -> str:
    meta = Parser().parsestr((info / "METADATA").read_text(encoding="utf-8", errors="replace"))
    lines = [f"{info.name.removesuffix('.dist-info')}: no licence file in its wheel; its METADATA:"]
    for key in ("License", "License-Expression"):
        for value in meta.get_all(key) or []:
            lines.append(f"{key}: {value}")
    lines += [f"Classifier: {c}" for c in meta.get_all("Classifier") or [] if "License" in c]
    if len(lines) == 1:
        lines.append("(no licence declared)")
    return "\n".join(lines) + "\n"


def collect(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for info in sorted(site.glob("*.dist-info")):
        name = info.name.removesuffix(".dist-info")
        files = licence_files(info)
        for file in files:
            relative = file.relative_to(info)
            parts = relative.parts[1:] if relative.parts[0] == "licenses" else relative.parts
            shutil.copyfile(file, out / f"{name}-{'-'.join(parts)}")
        if not files:
            (out / f"{name}-LICENSE.txt").write_text(metadata_licence(info), encoding="utf-8")
    for target, source, what in COMMON:
        text = Path(source).read_text(encoding="utf-8")
        (out / target).write_text(f"For {what}.\n\n{text}", encoding="utf-8")
    for font in FONT_LICENCES:
        shutil.copyfile(ROOT / "resources" / "fonts" / font, out / font)


def check(site: Path, licences: Path) -> list[str]:
    present = {p.name for p in licences.iterdir()}
    missing = [
        info.name
        for info in sorted(site.glob("*.dist-info"))
        if not any(n.startswith(info.name.removesuffix(".dist-info") + "-") for n in present)
    ]
    missing += [name for name, _, _ in COMMON if name not in present]
    missing += [name for name in FONT_LICENCES if name not in present]
    return missing


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ("collect", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    site, folder = Path(argv[1]), Path(argv[2])
    if argv[0] == "collect":
        collect(site, folder)
        return 0
    infos = list(site.glob("*.dist-info"))
    missing = check(site, folder)
    if not infos or missing:
        print(f"licences missing in {folder}: {', '.join(missing) or 'no dist-info'}")
        return 1
    print(f"licences: {len(infos)} packages, Qt's LGPL, the GPL and the fonts' in {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
