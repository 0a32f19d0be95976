"""The demo district's organisation registers as plain data: villages and communities with their
figures for the demo year, Warm Homes, the federation's staff, and what field visits are for.

Names of villages and communities are made up (plausible for 门头沟区, not its real list). Shaped
so that home.coverage fails in one town only (清水镇 has no 示范温馨家园), every village with ≥ 50
disabled residents and every community with ≥ 7000 residents has a Warm Home, and a few places
sit just under those figures (49 disabled residents, 6999 residents) without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.domain.organisation_vocabulary import PlaceKind
from models.domain.vocabulary import DisabilityCategory

# The year the registers describe: the demo's 2026 (its decisions, meetings and visits).
ORGANISATION_YEAR = 2026

V, C = PlaceKind.VILLAGE, PlaceKind.COMMUNITY


@dataclass(frozen=True)
class DemoPlace:
    name: str
    kind: PlaceKind
    low_income: bool
    disabled_residents: int
    residents: int


def _places(*rows: tuple[str, PlaceKind, bool, int, int]) -> tuple[DemoPlace, ...]:
    return tuple(DemoPlace(*row) for row in rows)


# Township (as `plan.UNITS` names it) → its villages and communities, with the demo year's
# disabled residents and residents.
PLACES: dict[str, tuple[DemoPlace, ...]] = {
    "大峪街道": _places(
        ("峪园社区", C, False, 168, 9240),
        ("新华里社区", C, False, 131, 7460),
        ("滨河湾社区", C, False, 97, 6999),
        ("绿岛社区", C, False, 72, 5310),
    ),
    "城子街道": _places(
        ("城子西社区", C, False, 143, 8120),
        ("蓝龙湾社区", C, False, 88, 6240),
        ("矿建里社区", C, False, 126, 7020),
    ),
    "东辛房街道": _places(
        ("东辛房南社区", C, False, 93, 5830),
        ("石门营东社区", C, False, 119, 7610),
        ("坡头里社区", C, False, 61, 4120),
    ),
    "大台街道": _places(
        ("大台中心社区", C, False, 57, 3260),
        ("木岭村", V, False, 38, 620),
        ("灰峪村", V, True, 52, 880),
    ),
    "王平镇": _places(
        ("河洼村", V, True, 41, 730),
        ("西王平新村", V, False, 57, 1290),
        ("东马庄村", V, True, 22, 410),
        ("王平社区", C, False, 64, 3610),
    ),
    "永定镇": _places(
        ("永兴村", V, False, 64, 2350),
        ("卧龙岗村", V, False, 49, 1870),
        ("上岸新村", V, False, 33, 1420),
        ("永定苑社区", C, False, 187, 11200),
        ("惠和社区", C, False, 121, 7300),
    ),
    "龙泉镇": _places(
        ("龙岗村", V, False, 55, 1960),
        ("三店新村", V, False, 28, 1130),
        ("龙泉雅苑社区", C, False, 140, 8420),
        ("泉景社区", C, False, 79, 6110),
    ),
    "潭柘寺镇": _places(
        ("柘溪村", V, True, 47, 860),
        ("南岭村", V, False, 61, 1540),
        ("鲁家峪村", V, True, 19, 350),
        ("潭柘佳园社区", C, False, 58, 4230),
    ),
    "军庄镇": _places(
        ("军安村", V, False, 36, 1210),
        ("孟园坡村", V, False, 52, 1680),
        ("香峪新村", V, True, 24, 540),
        ("军庄社区", C, False, 47, 2940),
    ),
    "妙峰山镇": _places(
        ("涧沟新村", V, True, 26, 470),
        ("樱桃峪村", V, True, 31, 560),
        ("陈家坨村", V, False, 51, 1330),
        ("妙峰社区", C, False, 39, 2150),
    ),
    "雁翅镇": _places(
        ("雁栖峪村", V, True, 33, 590),
        ("黄岩台村", V, True, 44, 780),
        ("苇子坨村", V, False, 12, 260),
        ("雁翅社区", C, False, 35, 1830),
    ),
    "斋堂镇": _places(
        ("灵水台村", V, True, 58, 940),
        ("沿河口村", V, True, 29, 510),
        ("东斋堂新村", V, False, 73, 2060),
        ("斋堂社区", C, False, 66, 3140),
    ),
    "清水镇": _places(
        ("清泉坪村", V, True, 27, 430),
        ("双塘涧村", V, True, 35, 620),
        ("杜家台村", V, False, 49, 990),
        ("清水社区", C, False, 31, 1620),
    ),
}

# Each township's own Warm Home: (its place, or None at township level; 示范 or not).
# 清水镇's is not a 示范 one — home.coverage's visible failure.
TOWNSHIP_HOMES: dict[str, tuple[str | None, bool]] = {
    "大峪街道": ("峪园社区", True),
    "城子街道": ("城子西社区", True),
    "东辛房街道": (None, True),
    "大台街道": ("大台中心社区", True),
    "王平镇": (None, True),
    "永定镇": (None, True),
    "龙泉镇": (None, True),
    "潭柘寺镇": (None, True),
    "军庄镇": (None, True),
    "妙峰山镇": (None, True),
    "雁翅镇": (None, True),
    "斋堂镇": (None, True),
    "清水镇": (None, False),
}
# Small places that have a Warm Home all the same (the large ones have one by the rule).
EXTRA_HOMES = ("绿岛社区", "王平社区", "斋堂社区")

# The association whose 专职委员 resigned in the summer and has no successor yet
# (grassroots.association's full-time member: an error), and the one whose chair holds no post
# in the 居委会 (a warning).
NO_FULL_TIME_MEMBER = "苇子坨村"
FULL_TIME_MEMBER_LEFT = date(ORGANISATION_YEAR, 8, 31)
CHAIR_WITHOUT_POST = "蓝龙湾社区"


@dataclass(frozen=True)
class DemoCadre:
    post: str
    leadership: bool = False
    disabled: DisabilityCategory | None = None
    started: date | None = None
    ended: date | None = None
    note: str | None = None


# The federation's staff who are not members of its bodies (all 专职, on the establishment);
# the members' own posts are set by `organisation._member_cadres`.
STAFF: tuple[DemoCadre, ...] = (
    DemoCadre("办公室主任", started=date(2016, 3, 1)),
    DemoCadre("办公室副主任", started=date(2019, 7, 1)),
    DemoCadre(
        "办公室副主任",
        started=date(2009, 5, 1),
        ended=date(ORGANISATION_YEAR, 4, 30),
        note="2026年4月退休",
    ),
    DemoCadre("办公室科员", started=date(2022, 8, 1)),
    DemoCadre("财务科科长", started=date(2014, 9, 1)),
    DemoCadre("财务科会计", started=date(2018, 4, 1)),
    DemoCadre("财务科出纳", started=date(2023, 2, 1)),
    DemoCadre("组织联络部部长", started=date(2017, 6, 1)),
    DemoCadre("组织联络部科员", disabled=DisabilityCategory.PHYSICAL, started=date(2020, 9, 1)),
    DemoCadre("组织联络部科员", started=date(2024, 7, 1)),
    DemoCadre("康复部副部长", started=date(2015, 3, 1)),
    DemoCadre("康复部科员", started=date(2021, 8, 1)),
    DemoCadre("康复部科员", started=date(2023, 8, 1)),
    DemoCadre("教育就业部副部长", started=date(2018, 1, 1)),
    DemoCadre("教育就业部科员", started=date(2022, 3, 1)),
    DemoCadre("维权部副部长", started=date(2019, 3, 1)),
    DemoCadre("维权部科员", started=date(2025, 7, 1)),
    DemoCadre("宣传文体部部长", started=date(2016, 10, 1)),
    DemoCadre("宣传文体部科员", disabled=DisabilityCategory.HEARING, started=date(2021, 10, 1)),
    DemoCadre("机关党委专职副书记", started=date(2020, 4, 1)),
    DemoCadre("残疾人综合服务中心主任", started=date(2013, 6, 1)),
    DemoCadre("残疾人综合服务中心副主任", started=date(2019, 11, 1)),
    DemoCadre("残疾人辅助器具服务中心主任", started=date(2017, 2, 1)),
    DemoCadre("残疾人职业康复中心主任", started=date(2015, 8, 1)),
    DemoCadre("残疾人就业服务中心主任", started=date(2018, 5, 1)),
    DemoCadre("残疾人就业服务中心科员", started=date(2024, 3, 1)),
    DemoCadre("信息统计专员", started=date(2023, 9, 1)),
)

# Where the 挂职 and 兼职 council members come from.
HOME_UNITS = ("区民政局", "区人力资源和社会保障局", "区卫生健康委员会", "区教育委员会")

# What a field visit did, by where it went.
VILLAGE_WORK = (
    "入户问需：走访低收入残疾人家庭，了解康复、就业和生活困难",
    "入户问需：重度残疾人托养照护需求摸底",
    "现场调研：村残协工作开展情况，听取专职委员汇报",
    "入户问需：无障碍设施改造入户回访",
    "现场调研：农村残疾人种养殖帮扶项目进展",
    "入户问需：残疾儿童康复救助申请情况核实",
)
COMMUNITY_WORK = (
    "现场调研：社区残协换届后工作开展情况",
    "入户问需：走访独居残疾人，了解居家服务需求",
    "现场调研：社区无障碍环境建设情况",
    "入户问需：残疾人辅助器具适配需求登记",
    "现场调研：社区残疾人就业帮扶，走访辅助性就业岗位",
)
HOME_WORK = (
    "现场调研：温馨家园日间照料和康复训练开展情况",
    "现场调研：温馨家园运营经费使用和服务台账",
    "参加温馨家园残疾人文体活动，听取学员意见",
)
SEASONAL_WORK = {
    1: "入户问需：春节前走访慰问困难残疾人家庭",
    2: "入户问需：春节前走访慰问困难残疾人家庭",
    7: "入户问需：汛期前走访独居重度残疾人，检查居住安全",
    12: "入户问需：入冬前走访困难残疾人家庭，了解取暖情况",
}

# Days off in 2026 (besides weekends): New Year, Spring Festival, Qingming, Labour Day, Dragon
# Boat, Mid-Autumn and National Day. Visits fall on working days.
HOLIDAYS = (
    (date(2026, 1, 1), date(2026, 1, 3)),
    (date(2026, 2, 15), date(2026, 2, 23)),
    (date(2026, 4, 4), date(2026, 4, 6)),
    (date(2026, 5, 1), date(2026, 5, 5)),
    (date(2026, 6, 19), date(2026, 6, 21)),
    (date(2026, 9, 25), date(2026, 9, 27)),
    (date(2026, 10, 1), date(2026, 10, 8)),
)
# The year's visits run to the end of November. A visit may not lie after today (the registers
# refuse it by the computer's date), so the demo, built from December 2026 on, is always the same.
VISITS_FROM, VISITS_TO = date(2026, 1, 5), date(2026, 11, 27)
