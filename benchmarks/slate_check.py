"""Print how fast a slate is checked: `yishi check-slate` on 10,000 rows against a bare read.

1. A 10,000-row congress slate (.xlsx, valid IDs and certificates, realistic categories, flags,
   units) is written to a temporary folder. The whole `yishi check-slate FILE --body congress
   --json` process is timed (launch to exit, subprocess, RUNS runs, median) against the floor: a
   bare Python process that only imports python-calamine and reads every cell of the same file.
   Both run in the same loop, alternately, so the machine's state is shared. Goal: ≤ 1.5×.
2. The re-check after one edit (the GUI's what-if): models.domain.composition.check_slate over a
   500-person slate with a 500-person previous term, after changing one person's facts; median
   over EDITS edits. Goal: ≤ 5 ms.

    uv run python benchmarks/slate_check.py [RUNS]     # RUNS per process variant, default 7
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from models.domain.identity import check_digit
from models.importing.workbook import CANONICAL_HEADERS

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 7
ROWS = 10_000
SMALL = 500
EDITS = 400
YISHI = Path(sys.executable).parent / ("yishi.exe" if os.name == "nt" else "yishi")
HEADERS = CANONICAL_HEADERS
UNITS = (
    "大峪街道",
    "城子街道",
    "东辛房街道",
    "大台街道",
    "王平镇",
    "永定镇",
    "龙泉镇",
    "潭柘寺镇",
    "军庄镇",
    "妙峰山镇",
    "雁翅镇",
    "斋堂镇",
    "清水镇",
)
# Weights roughly as in a district's slate: physical most common, psychosocial rarest.
CATEGORIES = (("视力", 14), ("听力", 12), ("言语", 3), ("肢体", 30), ("智力", 8), ("精神", 5))
CERT_DIGIT = {
    "视力": "1",
    "听力": "2",
    "言语": "3",
    "肢体": "4",
    "智力": "5",
    "精神": "6",
    "多重": "7",
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红建国志文"
CALAMINE_FLOOR = (
    "import sys\n"
    "from python_calamine import CalamineWorkbook\n"
    "book = CalamineWorkbook.from_path(sys.argv[1])\n"
    "cells = sum(len(row) for name in book.sheet_names "
    "for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False))\n"
)


def row(index: int, rng: random.Random) -> dict[str, object]:
    born = date(1950, 1, 1) + timedelta(days=index * 2 % 20000 + rng.randrange(2))
    male = rng.random() < 0.55
    # Each index has its own birth date, so every ID is distinct.
    first17 = f"110109{born:%Y%m%d}01{rng.choice('13579' if male else '02468')}"
    id_number = first17 + check_digit(first17)
    values: dict[str, object] = {
        "姓名": rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))),
        "性别": "男" if male else "女",
        "身份证号": id_number,
        "选举单位": rng.choice(UNITS),
        "民族": "汉族" if rng.random() < 0.95 else "回族",
        "出生日期": born,
        "工作单位及职务": f"{rng.choice(UNITS)}残联 {rng.choice(('专职委员', '干部', '职工'))}",
        "政治面貌": rng.choice(("群众", "中共党员", "群众", "民盟盟员")),
        "联系电话": f"13{rng.randrange(10**9):09d}",
        "代表类型": "特邀" if rng.random() < 0.05 else "正式",
        "城乡": "农村" if rng.random() < 0.4 else "城镇",
        "基层一线": "是" if rng.random() < 0.8 else "否",
        "助残社会组织代表": "是" if rng.random() < 0.05 else "否",
        "助残志愿者": "是" if rng.random() < 0.08 else "否",
    }
    draw = rng.random()
    if draw < 0.72:
        category = rng.choices(*zip(*CATEGORIES, strict=True))[0]
        grade = rng.randrange(1, 5)
        values["残疾类别"] = category
        values["残疾等级"] = "一二三四"[grade - 1] + "级"
        if rng.random() < 0.9:
            values["残疾人证号"] = id_number + CERT_DIGIT[category] + str(grade)
    elif draw < 0.75:
        values["残疾类别"] = "多重"
        values["多重残疾包含类别"] = "、".join(rng.sample(("视力", "听力", "肢体", "智力"), 2))
    elif draw < 0.85:
        values["是否残疾人亲友"] = "是"
        values["亲友残疾类别"] = rng.choice(("智力", "精神", "肢体", "智力、精神"))
    # 自强模范 are disabled people; the odd one who is not is a warning (model_not_disabled).
    is_disabled = "残疾类别" in values
    values["自强模范"] = "是" if rng.random() < (0.2 if is_disabled else 0.01) else "否"
    if rng.random() < 0.1:
        values["备注"] = "连任"
    return values


def write_slate(path: Path, rows: int, seed: int = 2026) -> Path:
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("名单")
    sheet.append(list(HEADERS))
    for index in range(rows):
        values = row(index, rng)
        sheet.append([values.get(header) for header in HEADERS])
    book.save(path)
    return path


def _timed(
    argv: list[str], env: dict[str, str]
) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env, check=False)
    return time.perf_counter() - started, done


def process_ratio(path: Path) -> str:
    check = [str(YISHI), "check-slate", str(path), "--body", "congress", "--json"]
    floor = [sys.executable, "-c", CALAMINE_FLOOR, str(path)]
    # check-slate needs no database: an unusable URL shows that none is opened.
    env = dict(os.environ, YISHI_DATABASE_URL="sqlite:////nonexistent-yishi-bench/never.sqlite3")
    # One warm-up each: the first run pays for the disk cache, not for the program.
    _, done = _timed(check, env)
    if done.returncode not in (0, 1):
        raise SystemExit(f"check-slate failed ({done.returncode}): {done.stderr.decode()}")
    report = json.loads(done.stdout)
    _timed(floor, env)
    checks, floors = [], []
    for _ in range(RUNS):
        checks.append(_timed(check, env)[0])
        floors.append(_timed(floor, env)[0])
    failing = [r["id"] for r in report["results"] if r["status"] == "fail"]
    print(
        f"slate: {report['total']:,} rows read, {report['counted']:,} counted, "
        f"{len(report['row_errors'])} row errors, {len(report['row_warnings'])} row warnings, "
        f"failing rules: {failing or 'none'} (exit {done.returncode})"
    )
    check_ms, floor_ms = statistics.median(checks) * 1000, statistics.median(floors) * 1000
    print(f"yishi check-slate --json, whole process: median {check_ms:7.0f} ms of {RUNS} runs")
    print(f"  (runs: {', '.join(f'{t * 1000:.0f}' for t in checks)} ms)")
    print(f"bare python-calamine read, whole process: median {floor_ms:7.0f} ms of {RUNS} runs")
    print(f"  (runs: {', '.join(f'{t * 1000:.0f}' for t in floors)} ms)")
    ratio = f"ratio: {check_ms / floor_ms:.2f}x (goal <= 1.5x)"
    print(ratio)
    return ratio


def recheck(path: Path) -> None:
    from models.domain.composition import check_slate
    from models.domain.rules import load_rules
    from models.domain.vocabulary import DisabilityCategory
    from models.importing.slate_reader import read_slate

    rules_text = (Path(__file__).parents[1] / "resources/rules/mentougou-2019.toml").read_text(
        encoding="utf-8"
    )
    rules = load_rules(rules_text, rules_id="mentougou-2019")
    records = read_slate(path, body="congress").records
    people, previous = list(records[:SMALL]), list(records[SMALL : 2 * SMALL])
    rng = random.Random(7)
    check_slate(people, rules, "congress", previous=previous)  # warm the rule specs' cache
    times = []
    choices = list(DisabilityCategory)
    for _ in range(EDITS):
        where = rng.randrange(len(people))
        person = people[where]
        people[where] = dataclasses.replace(
            person,
            category=rng.choice(choices),
            is_frontline=not person.is_frontline,
            is_rural=rng.random() < 0.5,
        )
        started = time.perf_counter()
        report = check_slate(people, rules, "congress", previous=previous)
        times.append(time.perf_counter() - started)
    assert report.total == SMALL
    times_ms = sorted(t * 1000 for t in times)
    print(
        f"re-check after one edit, {SMALL} people (+{SMALL} previous): median "
        f"{statistics.median(times_ms):.2f} ms, p90 {times_ms[int(len(times_ms) * 0.9)]:.2f} ms, "
        f"slowest {times_ms[-1]:.2f} ms over {EDITS} edits (goal <= 5 ms)"
    )


def main() -> None:
    if not YISHI.is_file():
        raise SystemExit(f"console script missing: {YISHI} (run through `uv run`)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "slate-10000.xlsx"
        started = time.perf_counter()
        write_slate(path, ROWS)
        print(
            f"wrote {ROWS:,} rows in {time.perf_counter() - started:.1f} s "
            f"({path.stat().st_size / 1e6:.1f} MB)"
        )
        ratio = process_ratio(path)
        recheck(path)
    print(f"({os.cpu_count()} cores)")
    print(ratio)  # the last line: the ratio (issue 18)


if __name__ == "__main__":
    main()
