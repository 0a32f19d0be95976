#!/usr/bin/env bash
# Build the installers and check them as an office PC would meet them. Run by .ci/run after the
# tests (not part of the README's test line). Debian: the .deb of an older commit installed, a
# demo made, then this checkout's .deb installed over it — the database migrates with its backup
# first and keeps its data —, smoke screenshot offscreen, removed, data still there.
# Windows: the setup.exe built, installed silently under Wine 8 into a throw-away prefix, its
# layout and shortcuts checked, --version / demo / people list run, uninstalled silently, data
# kept. (Wine lacks WMI: _wmi.pyd is moved aside for the check only. Qt and python-calamine
# cannot run under Wine 8 — unverified here, see installers/README.md.)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
# The oldest commit whose package we upgrade from: before accounts (schema 0011).
OLD_REF="${YISHI_CHECK_OLD_REF:-ae9d046}"
migrates=1
if ! git cat-file -e "${OLD_REF}^{commit}" 2>/dev/null; then
  # A shallow clone: upgrade from this checkout's own code under an older version number
  # (the package's upgrade path is still checked; the schema migration is not).
  echo "installers/check.sh: $OLD_REF is not in this clone; upgrading from HEAD as 0.0.1"
  OLD_REF=HEAD
  migrates=0
fi
version="$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -n1)"

old_deb="$(bash installers/debian/build.sh 0.0.1 "$OLD_REF" | tail -n1)"
new_deb="$(bash installers/debian/build.sh "$version" | tail -n1)"
ls -l "$old_deb" "$new_deb"
for deb in "$old_deb" "$new_deb"; do
  size=$(stat -c %s "$deb")
  [ "$size" -lt $((200 * 1024 * 1024)) ] || { echo "$deb is over 200 MB"; exit 1; }
done

home="$(mktemp -d)"
export XDG_DATA_HOME="$home/data"
data="$XDG_DATA_HOME/Yishi"
apt-get install -y -qq --allow-downgrades --no-install-recommends "$old_deb" >/dev/null
[ "$(yishi --version)" = "yishi 0.0.1" ]
yishi demo >/dev/null
people_before="$(yishi people list | tail -n1)"

apt-get install -y -qq --no-install-recommends "$new_deb" >/dev/null
[ "$(yishi --version)" = "yishi $version" ]
[ "$(yishi people list | tail -n1)" = "$people_before" ]   # migrated, nothing lost
[ "$migrates" = 0 ] || ls "$data"/backups/*before-* >/dev/null  # the backup before migrating
yishi audit verify >/dev/null                             # the old log sealed into the chain
yishi people list --json | python3 -c 'import json,sys; assert len(json.load(sys.stdin)) > 100'
QT_QPA_PLATFORM=offscreen yishi gui --smoke "$home/smoke.png" 2>/dev/null
test -s "$home/smoke.png"
grep -q '^Name\[zh_CN\]=议事' /usr/share/applications/yishi.desktop

apt-get remove -y -qq yishi >/dev/null
! command -v yishi >/dev/null
test -s "$data/yishi.sqlite3"                             # the user's data stays
rm -rf "$home"
echo "installers/check.sh: Debian package checked in $(( $(date +%s) - start )) s"

# --- Windows ---------------------------------------------------------------------------------
win_start=$(date +%s)
missing=()
for p in nsis wine64; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
setup="$(bash installers/windows/build.sh "$version" | tail -n1)"
size=$(stat -c %s "$setup")
[ "$size" -lt $((200 * 1024 * 1024)) ] || { echo "$setup is over 200 MB"; exit 1; }
wine=/usr/lib/wine/wine64
export WINEPREFIX="$(mktemp -d)/prefix" WINEDEBUG=-all
"$wine" "$setup" /S '/D=C:\Yishi' >/dev/null 2>&1
app="$WINEPREFIX/drive_c/Yishi"
for f in uninstall.exe yishi.cmd python/python.exe python/pythonw.exe python/python313._pth \
  licenses/Python-LICENSE.txt; do
  test -e "$app/$f" || { echo "missing after install: $f"; exit 1; }
done
user_dir="$(ls -d "$WINEPREFIX"/drive_c/users/*/ | grep -v Public | head -n1)"
test -e "$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/议事.lnk"
test -e "$user_dir/Desktop/议事.lnk"
mv "$app/python/_wmi.pyd" "$WINEPREFIX/_wmi.pyd.aside"
run() { "$wine" 'C:\Yishi\python\python.exe' -m desktop "$@" 2>/dev/null; }
run --version | grep -q "yishi $version"
run demo >/dev/null
run people list --json | python3 -c 'import json,sys; assert len(json.load(sys.stdin)) > 100'
"$wine" 'C:\Yishi\uninstall.exe' /S >/dev/null 2>&1
for _ in $(seq 30); do [ -e "$app/python" ] || break; sleep 1; done
! test -e "$app/python"
test -s "$user_dir/AppData/Local/Yishi/yishi.sqlite3"        # the user's data stays
echo "installers/check.sh: Windows setup ($(( size / 1024 / 1024 )) MB) checked under Wine in $(( $(date +%s) - win_start )) s"
