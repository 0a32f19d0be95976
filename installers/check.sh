#!/usr/bin/env bash
# Build the installers and check them as an office PC would meet them. Run by .ci/run after the
# tests (not part of the README's test line). Debian: the .deb of an older commit installed, a
# demo made, then this checkout's .deb installed over it — the database migrates with its backup
# first and keeps its data —, smoke screenshot offscreen, removed, data still there.
# The Windows setup.exe (issue 16, part 1) is not built yet.
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
