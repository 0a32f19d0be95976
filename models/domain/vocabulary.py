"""The closed vocabularies of DOMAIN.md §1–2: bodies, terms, positions and membership facts."""

from __future__ import annotations

from enum import StrEnum


class BodyKind(StrEnum):
    CONGRESS = "congress"
    PRESIDIUM = "presidium"
    EXECUTIVE_COUNCIL = "council"
    PARTY_GROUP = "party_group"
    ASSOCIATION = "association"


class Association(StrEnum):
    BLIND = "blind"
    DEAF = "deaf"
    PHYSICAL = "physical"
    INTELLECTUAL = "intellectual"
    PSYCHOSOCIAL = "psychosocial"


class TermStatus(StrEnum):
    DRAFT = "draft"
    CURRENT = "current"
    PAST = "past"


class Gender(StrEnum):
    MALE = "男"
    FEMALE = "女"


class Position(StrEnum):
    DELEGATE = "代表"
    CHAIR = "主席"
    VICE_CHAIR = "副主席"
    MEMBER = "委员"
    COUNCIL_CHAIR = "理事长"
    COUNCIL_VICE_CHAIR = "副理事长"
    COUNCIL_MEMBER = "理事"
    SECRETARY_GENERAL = "秘书长"
    PARTY_SECRETARY = "党组书记"
    PARTY_MEMBER = "党组成员"
    ASSOCIATION_CHAIR = "协会主席"
    ASSOCIATION_VICE_CHAIR = "协会副主席"


class Employment(StrEnum):
    FULL_TIME = "专职"
    PART_TIME = "兼职"
    SECONDED = "挂职"


class DelegateType(StrEnum):
    REGULAR = "正式"
    INVITED = "特邀"


class MembershipStatus(StrEnum):
    CANDIDATE = "candidate"
    RESERVE = "reserve"
    ELECTED = "elected"
    # A candidate the election did not return (DOMAIN §8: 当选 or 未当选); the row stays.
    NOT_ELECTED = "not_elected"
    ENDED = "ended"


class StartReason(StrEnum):
    ELECTED = "当选"
    CO_OPTED = "增补"
    BY_ELECTION = "补选"
    # A reserve moved up into a seat after the election (DOMAIN §8).
    MOVED_UP = "递补"


class EndReason(StrEnum):
    TERM_EXPIRED = "届满"
    RESIGNED = "辞职"
    DISMISSED = "免职"
    RECALLED = "罢免"
    TRANSFERRED = "调离"
    DECEASED = "去世"


class DisabilityCategory(StrEnum):
    VISION = "视力"
    HEARING = "听力"
    SPEECH = "言语"
    PHYSICAL = "肢体"
    INTELLECTUAL = "智力"
    PSYCHOSOCIAL = "精神"
    MULTIPLE = "多重"


class UrbanRural(StrEnum):
    URBAN = "城镇"
    RURAL = "农村"


BODY_NAMES: dict[BodyKind, str] = {
    BodyKind.CONGRESS: "代表大会",
    BodyKind.PRESIDIUM: "主席团",
    BodyKind.EXECUTIVE_COUNCIL: "执行理事会",
    BodyKind.PARTY_GROUP: "党组",
}

ASSOCIATION_NAMES: dict[Association, str] = {
    Association.BLIND: "盲人协会",
    Association.DEAF: "聋人协会",
    Association.PHYSICAL: "肢残人协会",
    Association.INTELLECTUAL: "智力残疾人及亲友协会",
    Association.PSYCHOSOCIAL: "精神残疾人及亲友协会",
}

ALLOWED_POSITIONS: dict[BodyKind, frozenset[Position]] = {
    BodyKind.CONGRESS: frozenset({Position.DELEGATE}),
    BodyKind.PRESIDIUM: frozenset({Position.CHAIR, Position.VICE_CHAIR, Position.MEMBER}),
    BodyKind.EXECUTIVE_COUNCIL: frozenset(
        {
            Position.COUNCIL_CHAIR,
            Position.COUNCIL_VICE_CHAIR,
            Position.COUNCIL_MEMBER,
            Position.SECRETARY_GENERAL,
        }
    ),
    BodyKind.PARTY_GROUP: frozenset({Position.PARTY_SECRETARY, Position.PARTY_MEMBER}),
    BodyKind.ASSOCIATION: frozenset(
        {Position.ASSOCIATION_CHAIR, Position.ASSOCIATION_VICE_CHAIR, Position.MEMBER}
    ),
}

# The certificate's 19th digit (GB/T 26341 numbering used on 残疾人证).
CERT_CATEGORY_DIGIT: dict[str, DisabilityCategory] = {
    "1": DisabilityCategory.VISION,
    "2": DisabilityCategory.HEARING,
    "3": DisabilityCategory.SPEECH,
    "4": DisabilityCategory.PHYSICAL,
    "5": DisabilityCategory.INTELLECTUAL,
    "6": DisabilityCategory.PSYCHOSOCIAL,
    "7": DisabilityCategory.MULTIPLE,
}


def body_has_terms(kind: BodyKind) -> bool:
    """The party group is a standing body: one term without an ordinal (DOMAIN §8)."""
    return kind is not BodyKind.PARTY_GROUP


def body_display_name(kind: BodyKind, association: Association | None = None) -> str:
    if kind is BodyKind.ASSOCIATION:
        if association is None:
            return "专门协会"
        return ASSOCIATION_NAMES[association]
    return BODY_NAMES[kind]


CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_ordinal(number: int) -> str:
    """8 -> 八, 12 -> 十二, 20 -> 二十: enough for 届次 and meeting numbers below 100."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    text = ""
    if tens:
        text = ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十"
    if units:
        text += CHINESE_DIGITS[units]
    return text


def term_display_name(ordinal: int | None) -> str:
    return "常设" if ordinal is None else f"第{chinese_ordinal(ordinal)}届"
