"""The federation feature's plain data: the profile as typed and as stored, the rules in force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# The profile's fields, in the order forms show them, with the setting key each is stored under
# and the longest text a clerk may type (a full name such as 门头沟区残疾人联合会 is 10 characters).
PROFILE_FIELDS: tuple[tuple[str, str, int], ...] = (
    ("full_name", "本会全称", 40),
    ("short_name", "简称", 10),
    ("district", "所在区", 20),
    ("address", "通信地址", 100),
    ("postcode", "邮政编码", 6),
    ("telephone", "联系电话", 30),
)
PROFILE_KEYS = {name: f"profile.{name}" for name, _label, _limit in PROFILE_FIELDS}
REQUIRED_FIELDS = ("full_name", "short_name")


@dataclass(frozen=True)
class ProfileDraft:
    """What the clerk typed; blank optional fields are stored as absent."""

    full_name: str
    short_name: str
    district: str = ""
    address: str = ""
    postcode: str = ""
    telephone: str = ""


@dataclass(frozen=True)
class Profile:
    full_name: str  # 门头沟区残疾人联合会: the organisation on every paper
    short_name: str  # 门残联: the 发文字号's prefix
    district: str | None = None
    address: str | None = None
    postcode: str | None = None
    telephone: str | None = None
    updated_by: str = ""
    updated_at: datetime | None = None

    def draft(self) -> ProfileDraft:
        return ProfileDraft(
            full_name=self.full_name,
            short_name=self.short_name,
            district=self.district or "",
            address=self.address or "",
            postcode=self.postcode or "",
            telephone=self.telephone or "",
        )

    @property
    def contact_line(self) -> str | None:
        """地址：…　邮编：…　电话：… for a letterhead; None when none of them is known."""
        parts = [
            f"{label}：{value}"
            for label, value in (
                ("通信地址", self.address),
                ("邮政编码", self.postcode),
                ("联系电话", self.telephone),
            )
            if value
        ]
        return "　".join(parts) or None


SHIPPED_ORIGIN = "shipped"


@dataclass(frozen=True)
class RulesInForce:
    """The rules file this database checks by: its id, its own title and source, where it came
    from (shipped with the program or a file's path) and who recorded it when."""

    rules_id: str
    title: str
    source: str  # the document the rules follow, as the file states it
    origin: str  # SHIPPED_ORIGIN or the path of the file it was read from
    recorded_by: str
    recorded_at: datetime | None
    problem: str | None = None  # the stored copy no longer reads (it was never checked)

    @property
    def is_shipped(self) -> bool:
        return self.origin == SHIPPED_ORIGIN


@dataclass(frozen=True)
class RulesFile:
    """A rules file read and checked, ready to be put in force."""

    rules_id: str
    title: str
    content: str
    origin: str  # SHIPPED_ORIGIN or the file's path


@dataclass(frozen=True)
class FirstRun:
    """What the first-run dialog needs: the rules recorded on opening, and whether the demo may be
    built here (an empty database, or one that already holds the demo)."""

    rules: RulesInForce | None
    may_build_demo: bool
