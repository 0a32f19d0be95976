#!/usr/bin/env bash
# Build the installers and check them as an office PC would meet them. Run by .ci/run after the
# tests (not part of the README's test line). Debian: the .deb of an older commit installed, a
# demo made, then this checkout's .deb installed over it — the database migrates with its backup
# first and keeps its data —, smoke screenshot offscreen, removed, data still there.
# Windows: the setup.exe built once, installed silently under Wine 8 into a throw-away prefix
# per user (HKCU) — layout, icon, licences, shortcuts, uninstall entry, --version / demo /
# people list —, uninstalled silently with the data kept; then installed again /AllUsers (HKLM,
# Program Files, the common Start menu and desktop) and uninstalled, leaving nothing behind. (Wine lacks WMI: _wmi.pyd is moved aside for the check only. Qt and python-calamine
# cannot run under Wine 8 — unverified here, see installers/README.md.)
# Legs: YISHI_CHECK_LEGS="debian windows" (the default, both); YISHI_CHECK_SETUP=<setup.exe>
# checks an already built setup instead of building it.
set -euo pipefail
legs="${YISHI_CHECK_LEGS:-debian windows}"
# `! cmd` alone never stops a script under set -e: each negative check says `|| fail`.
fail() { echo "installers/check.sh failed: not expected: $*"; exit 1; }
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

if [[ " $legs " == *" debian "* ]]; then
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
ls /opt/yishi/lib/desktop/__pycache__/*.cpython-311.pyc >/dev/null || fail "no bytecode compiled at install"
[ "$(yishi people list | tail -n1)" = "$people_before" ]   # migrated, nothing lost
[ "$migrates" = 0 ] || ls "$data"/backups/*before-* >/dev/null  # the backup before migrating
yishi audit verify >/dev/null                             # the old log sealed into the chain
yishi people list --json | python3 -c 'import json,sys; assert len(json.load(sys.stdin)) > 100'
QT_QPA_PLATFORM=offscreen yishi gui --smoke "$home/smoke.png" 2>/dev/null
test -s "$home/smoke.png"
grep -q '^Name\[zh_CN\]=议事' /usr/share/applications/yishi.desktop
test -s /usr/share/doc/yishi/copyright
python3 installers/licenses.py check /opt/yishi/lib /usr/share/doc/yishi/licenses

apt-get remove -y -qq yishi >/dev/null
hash -r  # bash remembers where yishi was
! command -v yishi >/dev/null || fail "yishi on PATH after removal"
[ ! -e /opt/yishi ] || fail "/opt/yishi left after removal (bytecode not cleaned?)"
test -s "$data/yishi.sqlite3"                             # the user's data stays
rm -rf "$home"
echo "installers/check.sh: Debian package ($(( $(stat -c %s "$new_deb") / 1024 / 1024 )) MB) checked in $(( $(date +%s) - start )) s"
fi
[[ " $legs " == *" windows "* ]] || exit 0

# --- Windows ---------------------------------------------------------------------------------
win_start=$(date +%s)
missing=()
for p in nsis wine64; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
setup="${YISHI_CHECK_SETUP:-$(bash installers/windows/build.sh "$version" | tail -n1)}"
build_s=$(( $(date +%s) - win_start ))
size=$(stat -c %s "$setup")
[ "$size" -lt $((200 * 1024 * 1024)) ] || { echo "$setup is over 200 MB"; exit 1; }
# Version information in setup.exe's resources (UTF-16 strings).
python3 - "$setup" "$version" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
for text in ("ProductVersion", "FileDescription", "LegalCopyright", sys.argv[2]):
    assert text.encode("utf-16-le") in data, f"setup.exe has no {text!r} in its version info"
PY
wine=/usr/lib/wine/wine64
export WINEPREFIX="$(mktemp -d)/prefix" WINEDEBUG=-all
drive="$WINEPREFIX/drive_c"
reg_has() {  # reg_has KEY VALUE-NAME: the value exists (names are ASCII; Wine prints CJK as ?)
  "$wine" reg query "$1" /v "$2" 2>/dev/null | grep -q "$2"
}
uninstall_key='Software\Microsoft\Windows\CurrentVersion\Uninstall\Yishi'
wait_gone() {  # the uninstaller copies itself to %TEMP% and returns at once
  for _ in $(seq 60); do [ -e "$1" ] || return 0; sleep 1; done
  echo "still there after uninstalling: $1"; return 1
}
wait_no_entry() {  # wait_no_entry HKCU|HKLM: the uninstall entry goes last
  for _ in $(seq 20); do reg_has "$1\\$uninstall_key" DisplayName || return 0; sleep 1; done
  fail "an uninstall entry in $1 after uninstalling"
}

# Per user, into a chosen folder (no administrator on Windows).
"$wine" "$setup" /S '/D=C:\Yishi' >/dev/null 2>&1
app="$drive/Yishi"
for f in uninstall.exe yishi.cmd yishi.ico python/python.exe python/pythonw.exe \
  python/python313._pth licenses/Python-LICENSE.txt licenses/Qt-PySide6-LGPL-3.0.txt; do
  test -e "$app/$f" || { echo "missing after install: $f"; exit 1; }
done
python3 installers/licenses.py check "$app/python/Lib/site-packages" "$app/licenses"
user_dir="$(ls -d "$drive"/users/*/ | grep -v Public | head -n1)"
test -e "$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/议事.lnk"
test -e "$user_dir/Desktop/议事.lnk"
for value in DisplayIcon EstimatedSize QuietUninstallString; do
  reg_has "HKCU\\$uninstall_key" "$value" || { echo "HKCU uninstall entry lacks $value"; exit 1; }
done
! reg_has "HKLM\\$uninstall_key" DisplayName || fail "an HKLM uninstall entry"
installed_mb=$(( $(du -sk "$app" | cut -f1) / 1024 ))
mv "$app/python/_wmi.pyd" "$WINEPREFIX/_wmi.pyd.aside"
run() { "$wine" 'C:\Yishi\python\python.exe' -m desktop "$@" 2>/dev/null; }
run --version | grep -q "yishi $version"
run demo >/dev/null
run people list --json | python3 -c 'import json,sys; assert len(json.load(sys.stdin)) > 100'
"$wine" 'C:\Yishi\uninstall.exe' /S >/dev/null 2>&1
wait_gone "$app"
! test -e "$user_dir/Desktop/议事.lnk" || fail "the desktop shortcut after uninstalling"
wait_no_entry HKCU
test -s "$user_dir/AppData/Local/Yishi/yishi.sqlite3"        # the user's data stays

# For all users, into its default folder (Wine's user is an administrator).
"$wine" "$setup" /S /AllUsers >/dev/null 2>&1
machine="$drive/Program Files/Yishi"
test -e "$machine/python/python.exe" && test -e "$machine/uninstall.exe"
ls "$machine"/python/Lib/site-packages/desktop/__pycache__/*.cpython-313.pyc >/dev/null  # compiled
machine_mb=$(( $(du -sk "$machine" | cut -f1) / 1024 ))
common_lnk="$drive/ProgramData/Microsoft/Windows/Start Menu/Programs/议事.lnk"
test -e "$common_lnk" && test -e "$drive/users/Public/Desktop/议事.lnk"
! test -e "$user_dir/Desktop/议事.lnk" || fail "a per-user desktop shortcut"
for value in DisplayIcon EstimatedSize QuietUninstallString; do
  reg_has "HKLM\\$uninstall_key" "$value" || { echo "HKLM uninstall entry lacks $value"; exit 1; }
done
! reg_has "HKCU\\$uninstall_key" DisplayName || fail "an HKCU uninstall entry"
"$wine" reg query 'HKLM\Software\Yishi' /v InstallMode 2>/dev/null | grep -q AllUsers
"$wine" 'C:\Program Files\Yishi\uninstall.exe' /S >/dev/null 2>&1
wait_gone "$machine"
! test -e "$common_lnk" || fail "the common Start-menu shortcut after uninstalling"
! test -e "$drive/users/Public/Desktop/议事.lnk" || fail "the common desktop shortcut"
wait_no_entry HKLM
test -s "$user_dir/AppData/Local/Yishi/yishi.sqlite3"        # still the user's
/usr/lib/wine/wineserver64 -k 2>/dev/null || true
rm -rf "$(dirname "$WINEPREFIX")"
echo "installers/check.sh: Windows setup ($(( size / 1024 / 1024 )) MB, ${installed_mb} MB installed, ${machine_mb} MB for all users) built in ${build_s} s, checked under Wine in $(( $(date +%s) - win_start - build_s )) s"
