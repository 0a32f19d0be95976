"""Issue 13 item 4: every failure on the command line is a Chinese message and an exit code —
never a traceback, never SQL parameters, never a whole ID number; a bug also leaves a crash report
in the data folder, with ID numbers masked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from .helpers import CJK, run_cli, sqlite_url

# A real-looking resident ID (valid check digit) and a certificate number built on it.
SECRET_ID = "11010519491231002X"
SECRET_CERT = SECRET_ID + "41"
SECRET_NAME = "欧阳秘密"
WHOLE_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9*])")


def crash_reports(tmp_path: Path) -> list[Path]:
    """The conftest points XDG_DATA_HOME here; platformdirs adds the app's folder."""
    folder = tmp_path / "xdg-data" / "Yishi" / "crash-reports"
    return sorted(folder.glob("yishi-*.txt")) if folder.is_dir() else []


def assert_clean(text: str) -> None:
    assert "Traceback" not in text
    assert "[parameters:" not in text
    assert SECRET_ID not in text and SECRET_NAME not in text
    assert not WHOLE_ID.search(text), text


def corrupt_pages(path: Path) -> None:
    """Overwrite every other page after the first two with junk, as a failing disk would."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for offset in range(2 * page, len(data), 2 * page):
        data[offset : offset + page] = b"\xde\xad\xbe\xef" * (page // 4)
    path.write_bytes(bytes(data))


def test_backup_into_a_folder_that_cannot_exist_is_a_message(capsys, demo, tmp_path):
    a_file = tmp_path / "not-a-folder.txt"
    a_file.write_text("x", encoding="utf-8")
    target = a_file / "backup.sqlite3"
    result = run_cli(capsys, "--database", demo.url, "db", "backup", str(target))
    assert result.code == 2, result
    assert str(a_file) in result.err and "文件夹" in result.err
    assert_clean(result.err)
    assert crash_reports(tmp_path) == []


def test_backup_json_error_names_a_public_code(capsys, demo, tmp_path):
    a_file = tmp_path / "plain"
    a_file.write_text("x", encoding="utf-8")
    result = run_cli(capsys, "--database", demo.url, "db", "backup", str(a_file / "b"), "--json")
    assert result.code == 2
    assert result.error()["code"] == "bad_arguments"
    assert re.search(f"[{CJK}]", result.error()["message"])


def test_rules_file_that_is_a_spreadsheet_is_a_message(capsys, tmp_path):
    from .slate_files import write_slate

    rules = tmp_path / "rules.xlsx"
    rules.write_bytes(b"PK\x03\x04\xff\xfe\xfa\x00binary")
    slate = write_slate(tmp_path / "slate.xlsx", [])
    result = run_cli(capsys, "check-slate", "--body", "congress", "--rules", str(rules), str(slate))
    assert result.code == 2, result
    assert str(rules) in result.err
    assert_clean(result.err)


def test_revealing_on_a_read_only_database_is_a_message(capsys, demo, tmp_path):
    # Tests run as root, where chmod does not stop a write: SQLite's read-only URI mode does.
    url = f"sqlite:///file:{demo.path}?mode=ro&uri=true"
    result = run_cli(capsys, "--database", url, "people", "list", "--reveal")
    assert result.code == 2, result
    assert "只读" in result.err
    assert_clean(result.err)
    assert result.out == ""  # nothing revealed when the reveal could not be logged
    assert crash_reports(tmp_path) == []


@pytest.mark.parametrize("damage", ["pages", "header"])
def test_a_corrupt_database_is_a_message(capsys, demo, tmp_path, damage):
    if damage == "pages":
        corrupt_pages(demo.path)
    else:
        data = bytearray(demo.path.read_bytes())
        data[:100] = b"\x00" * 100
        demo.path.write_bytes(bytes(data))
    for argv in (["people", "list"], ["motions", "list"], ["people", "list", "--json"]):
        result = run_cli(capsys, "--database", demo.url, *argv)
        assert result.code == 2, (argv, result)
        assert "无法使用数据库" in result.err
        assert "sqlite3" not in result.err  # a plain sentence, not the driver's text
        assert "损坏" in result.err
        assert_clean(result.err)
        if "--json" in argv:
            assert result.error()["code"] == "database_unusable"
    assert crash_reports(tmp_path) == []


@pytest.mark.usefixtures("postgres_available")
def test_an_integrity_error_on_postgresql_shows_no_personal_data(
    capsys, fresh, tmp_path, monkeypatch
):
    """A real duplicate insert on a fresh schema: PostgreSQL's error text holds the row (DETAIL)
    and SQLAlchemy's the parameters; neither reaches the terminal."""
    from sqlalchemy.exc import IntegrityError
    from sqlalchemy.orm import Session

    import desktop.cli.people
    from models.domain.vocabulary import Gender
    from models.entities.people import Person

    migrated = fresh.database("postgresql")
    url = migrated.engine.url.render_as_string(hide_password=False)

    def duplicate_insert(db, user, args):
        with Session(db.engine) as session:
            for _ in range(2):
                session.add(
                    Person(
                        name=SECRET_NAME,
                        gender=Gender.FEMALE,
                        birth_date=date(1949, 12, 31),
                        id_number=SECRET_ID,
                    )
                )
                session.commit()
        return 0

    monkeypatch.setattr(desktop.cli.people, "run_list", duplicate_insert)
    result = run_cli(capsys, "--database", url, "people", "list", "--json")
    assert result.code == 2, result
    assert result.error()["code"] == "database_unusable"
    assert "冲突" in result.err
    assert_clean(result.err + result.out)
    assert "1949" not in result.err + result.out
    assert crash_reports(tmp_path) == []

    # The probe is real: the same insert outside the handler raises with the data in its text.
    with pytest.raises(IntegrityError) as raised:
        duplicate_insert(migrated, "alice", None)
    assert SECRET_ID in str(raised.value)


def test_an_unexpected_failure_is_a_short_message_and_a_masked_report(
    capsys, demo, tmp_path, monkeypatch
):
    import desktop.cli.people

    def broken(db, user, args):
        details = {"id_number": SECRET_ID, "certificate": SECRET_CERT}
        raise RuntimeError(
            f"unexpected state for {details}\n[parameters: ('{SECRET_NAME}', '{SECRET_ID}')]"
        )

    monkeypatch.setattr(desktop.cli.people, "run_list", broken)
    result = run_cli(capsys, "--database", demo.url, "people", "list")
    assert result.code == 2, result
    reports = crash_reports(tmp_path)
    assert len(reports) == 1
    assert re.fullmatch(r"yishi-\d{8}-\d{6}\.txt", reports[0].name)
    assert str(reports[0]) in result.err and "意外错误" in result.err
    assert "RuntimeError" not in result.err  # the short message only
    assert_clean(result.err)

    report = reports[0].read_text(encoding="utf-8")
    assert "Traceback" in report and "RuntimeError" in report and "def broken" not in report
    assert "broken" in report  # the failing function is named for technical support
    assert "110105********002X" in report and "110105**********2X41" in report
    assert SECRET_ID not in report and SECRET_CERT not in report and SECRET_NAME not in report
    assert not WHOLE_ID.search(report)
    if os.name == "posix":
        assert reports[0].stat().st_mode & 0o077 == 0  # the clerk's own, like the database

    # A second failure in the same second gets its own file.
    run_cli(capsys, "--database", demo.url, "people", "list")
    assert len(crash_reports(tmp_path)) == 2


def test_unexpected_failure_under_json(capsys, demo, tmp_path, monkeypatch):
    import desktop.cli.people

    monkeypatch.setattr(desktop.cli.people, "run_list", lambda db, user, args: 1 // 0)
    result = run_cli(capsys, "--database", demo.url, "people", "list", "--json")
    assert result.code == 2
    assert result.error()["code"] == "unexpected_failure"
    assert "ZeroDivisionError" in crash_reports(tmp_path)[0].read_text(encoding="utf-8")


def test_a_report_that_cannot_be_saved_still_ends_in_a_message(capsys, demo, tmp_path, monkeypatch):
    import desktop.cli.people

    (tmp_path / "xdg-data" / "Yishi").mkdir(parents=True)
    (tmp_path / "xdg-data" / "Yishi" / "crash-reports").write_text("in the way", encoding="utf-8")
    monkeypatch.setattr(desktop.cli.people, "run_list", lambda db, user, args: 1 // 0)
    result = run_cli(capsys, "--database", demo.url, "people", "list")
    assert result.code == 2
    assert "错误报告也未能保存" in result.err
    assert_clean(result.err)


def test_ctrl_c_is_a_message_not_a_traceback(capsys, demo, monkeypatch):
    import desktop.cli.people

    def interrupted(db, user, args):
        raise KeyboardInterrupt

    monkeypatch.setattr(desktop.cli.people, "run_list", interrupted)
    result = run_cli(capsys, "--database", demo.url, "people", "list")
    assert result.code == 130
    assert "中断" in result.err and "Traceback" not in result.err


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        # The probe: the demo's summary into a reader that stops after one line.
        "{python} -m desktop --database {url} demo | head -1",
        # Deterministic: the reader is gone before the first line is written.
        "{python} -m desktop --database {url} demo >/dev/null; "
        "{python} -m desktop --database {url} people list | true",
    ],
    ids=["demo-head", "list-true"],
)
def test_a_closed_pipe_ends_quietly(tmp_path, command):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg-data"), PYTHONUNBUFFERED="1")
    url = sqlite_url(tmp_path / "pipe.sqlite3")
    script = (
        "set -o pipefail; "
        + command.format(python=sys.executable, url=url)
        + '; echo "exit=${PIPESTATUS[0]}" >&2'
    )
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=180,
        check=False,
    )
    assert "exit=0" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert "Exception ignored" not in done.stderr, done.stderr
    if "head" in command:
        assert done.stdout.count("\n") == 1 and "演示数据" in done.stdout


def test_an_unreachable_server_is_a_message_without_the_password(capsys, tmp_path):
    url = "postgresql+psycopg://clerk:s3cret-pw@127.0.0.1:1/yishi"
    result = run_cli(capsys, "--database", url, "people", "list")
    assert result.code == 2, result
    assert "无法连接数据库服务器" in result.err
    assert "s3cret-pw" not in result.err and "psycopg" not in result.err
    assert_clean(result.err)
    assert crash_reports(tmp_path) == []


@pytest.mark.slow
def test_real_processes_on_a_corrupt_database_say_so(demo, tmp_path):
    """The console entry point and the window's smoke start, as separate processes."""
    corrupt_pages(demo.path)
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg-data"), QT_QPA_PLATFORM="offscreen")
    root = Path(__file__).resolve().parents[2]
    commands = {
        "people": ([sys.executable, "-m", "desktop", "--database", demo.url, "people", "list"], 2),
        "smoke": (
            [
                sys.executable,
                "-m",
                "desktop",
                "--database",
                demo.url,
                "gui",
                "--smoke",
                str(tmp_path / "shot.png"),
            ],
            1,  # DOMAIN §8: the smoke check failed
        ),
    }
    for argv, code in commands.values():
        done = subprocess.run(
            argv, cwd=root, env=env, capture_output=True, encoding="utf-8", timeout=120, check=False
        )
        assert done.returncode == code, done
        assert "损坏" in done.stderr
        assert_clean(done.stderr)
    assert crash_reports(tmp_path) == []
