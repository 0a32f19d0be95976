#!/usr/bin/env bash
# Build dist/yishi_<version>_amd64.deb from this checkout, with PyPI's wheels and Debian's tools:
#   /opt/yishi/lib       the app and every locked dependency (manylinux wheels for CPython 3.11)
#   /opt/yishi/bin/yishi the launcher (Debian's python3.11, isolated from the user's packages)
#   /usr/bin/yishi       → the launcher;  the menu entry 议事 and its icon
# The user's data (~/.local/share/Yishi) is never the package's: removing it keeps the data.
# Usage: installers/debian/build.sh [VERSION [GIT-REF]]   (default: pyproject's version, HEAD)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
version="${1:-$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -n1)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stage="$work/yishi_${version}_amd64"
lib="$stage/opt/yishi/lib"
mkdir -p "$lib" "$stage/opt/yishi/bin" "$stage/usr/bin" "$stage/DEBIAN" \
  "$stage/usr/share/applications" "$stage/usr/share/icons/hicolor/scalable/apps" \
  "$stage/usr/share/doc/yishi"

# The app as a wheel (resources included), stamped with the version asked for.
mkdir -p "$work/src" && git -C "$root" archive "${2:-HEAD}" | tar -x -C "$work/src"
sed -i "s/^version = \".*\"/version = \"${version}\"/" "$work/src/pyproject.toml"
uv build --quiet --wheel --out-dir "$work/wheel" "$work/src"

# Exactly the locked dependencies, as binary wheels for Debian 12's Python (glibc ≥ 2.34: PySide6 6.12 needs it).
uv export --quiet --frozen --no-dev --no-hashes --no-emit-project --project "$work/src" \
  > "$work/requirements.txt"
uv pip install --quiet --target "$lib" --python-version 3.11 \
  --python-platform x86_64-manylinux_2_34 --only-binary :all: --no-deps \
  -r "$work/requirements.txt" "$work"/wheel/*.whl
find "$lib" -name '__pycache__' -prune -exec rm -rf {} +

install -m 0755 installers/debian/launcher.py "$stage/opt/yishi/bin/yishi"
ln -s /opt/yishi/bin/yishi "$stage/usr/bin/yishi"
install -m 0644 installers/debian/yishi.desktop "$stage/usr/share/applications/yishi.desktop"
install -m 0644 resources/icons/yishi.svg \
  "$stage/usr/share/icons/hicolor/scalable/apps/yishi.svg"
# Every bundled package's licence (its dist-info's, or its METADATA's licence lines when its
# wheel carries no file), Qt's LGPL-3.0, the GPL and the fonts', under one folder.
python3 installers/licenses.py collect "$lib" "$stage/usr/share/doc/yishi/licenses"
cat > "$stage/usr/share/doc/yishi/copyright" <<COPYRIGHT
Yishi (议事) — GPL-3.0-or-later. Bundled under /opt/yishi/lib, each with its own licence in its
*.dist-info folder, all copied to /usr/share/doc/yishi/licenses: PySide6 and Qt (LGPL-3.0;
the Qt libraries are separate files and stay replaceable), SQLAlchemy, Alembic, psycopg,
openpyxl, python-docx, reportlab, python-calamine, pypinyin, platformdirs, sqlcipher3,
argon2-cffi and what they need. Fonts under
/opt/yishi/lib/resources/fonts: Fandol (GPL with font exception, see Fandol-COPYING.txt), Noto
Sans/Serif SC (SIL OFL 1.1, see NotoSansSC-OFL.txt). Qt's LGPL-3.0 text:
/usr/share/doc/yishi/licenses/Qt-PySide6-LGPL-3.0.txt (the PySide6 wheels carry only Qt's
commercial notice); Yishi's GPL-3.0: /usr/share/doc/yishi/licenses/GPL-3.0.txt.
COPYRIGHT

size_kb="$(du -sk "$stage/opt" | cut -f1)"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: yishi
Version: ${version}
Architecture: amd64
Maintainer: Yishi developers <yishi@localhost>
Installed-Size: ${size_kb}
Depends: python3.11, libgl1, libegl1, libfontconfig1, libglib2.0-0, libxkbcommon0, libdbus-1-3,
 libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1,
 libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1
Section: misc
Priority: optional
Homepage: https://example.invalid/yishi
Description: 议事 — secretariat workbench of a district Disabled Persons' Federation
 Congress delegate slates checked against the composition quotas, meetings of the congress,
 presidium and executive council, presidium members' motions to a written reply, the record of
 collective decisions, and official papers (GB/T 9704). Data stays in each user's
 ~/.local/share/Yishi (or a shared PostgreSQL database) and is kept when the package is removed.
CONTROL

# Bytecode, compiled once at install: /opt/yishi is root's, so without it every launch would
# compile each imported module again (about a second). Removed with the package.
cat > "$stage/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  python3.11 -m compileall -q -j 0 /opt/yishi/lib >/dev/null || true
fi
POSTINST
cat > "$stage/DEBIAN/prerm" <<'PRERM'
#!/bin/sh
set -e
find /opt/yishi -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true
PRERM
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm"

mkdir -p "$root/dist"
out="$root/dist/yishi_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zzstd --build "$stage" "$out" >/dev/null
echo "$out"
