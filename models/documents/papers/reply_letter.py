"""提案答复函 in the 信函 format (DOMAIN §7: no page number on the first page).

Built from plain data (the service reads the motion and its latest reply): the title
关于…提案的答复, the 发文字号, the proposer as addressee (…委员：), the body — opening with
您提出的《…》（第…号）收悉，现答复如下： unless the stored text already starts so — the 答复类别
line, the 协办单位意见 (each co-unit's opinion, who gave it and when, under a heading of its
own), 承办人 and phone, the signing unit and the 签发日期, and 抄送 to the presidium office.

A joint letter (联合答复) for a lead motion and its merged motions is the same letter with every
proposer in the addressee line (张三、李四委员：) and every motion in the opening (您们提出的《…》
（第1号）、《…》（第5号）收悉); its title is the lead motion's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from models.documents.paper import Block, Heading, Paper, Paragraph, Signature, Spacer
from models.domain.dates import chinese_date

COPY_TO = "区残联主席团办公室"
# An opening the clerk already wrote: 您提出的《…》…收悉，现答复如下： (up to its colon, if any).
_OPENING = re.compile(r"^您们?提出的(?P<named>.*?)收悉[^：:。]{0,12}[：:。]?")


@dataclass(frozen=True)
class AnsweredMotion:
    title: str
    number: str | None  # 第5号


@dataclass(frozen=True)
class CoUnitOpinion:
    unit: str
    text: str
    given_on: date | None = None
    given_by: str | None = None


@dataclass(frozen=True)
class ReplyLetterData:
    motion_title: str  # the (lead) motion: the letter's title
    motion_number: str | None  # 第5号
    proposers: tuple[str, ...]  # the proposer, then (for a joint letter) the others
    text: str  # the reply as stored
    reply_class: str  # A
    class_text: str  # 所提问题已经解决或基本解决
    unit: str  # the signing (主办) unit
    signed_on: date
    document_number: str | None = None  # 门残联函〔2026〕12号
    handler_name: str | None = None
    handler_phone: str | None = None
    copy_to: str = COPY_TO
    # A joint letter: the merged motions it also answers, after the lead.
    joined: tuple[AnsweredMotion, ...] = ()
    # 协办单位意见, printed after the reply (a section of its own).
    co_unit_opinions: tuple[CoUnitOpinion, ...] = ()

    @property
    def answered(self) -> tuple[AnsweredMotion, ...]:
        return (AnsweredMotion(self.motion_title, self.motion_number), *self.joined)

    @property
    def addressees(self) -> tuple[str, ...]:
        """Each proposer once (one person may have proposed two merged motions)."""
        return tuple(dict.fromkeys(self.proposers))


_TITLE = re.compile(r"^(?:关于)?(?P<core>.+?)(?:的)?提案(?P<suffix>（[^（）]*）)?$")


def reply_title(data: ReplyLetterData) -> str:
    """关于加强无障碍建设的提案 → 关于加强无障碍建设提案的答复; …的提案（三） → …提案（三）的答复."""
    title = data.motion_title.strip().strip("《》")
    match = _TITLE.match(title)
    if match is None:
        core = title[2:] if title.startswith("关于") and len(title) > 2 else title
        return f"关于{core}提案的答复"
    suffix = match.group("suffix") or ""
    return f"关于{match.group('core')}提案{suffix}的答复"


def opening_sentence(data: ReplyLetterData) -> str:
    named = "、".join(
        f"《{m.title.strip()}》" + (f"（{m.number}）" if m.number else "") for m in data.answered
    )
    you = "您们" if len(data.addressees) > 1 else "您"
    return f"{you}提出的{named}收悉，现答复如下："


def _body_paragraphs(data: ReplyLetterData) -> list[str]:
    """The stored text, opened by the letter's opening. An opening already written is kept when it
    names every motion the letter answers; one that does not (a merged motion's letter copied
    from its lead's text, a joint letter) gives way to the letter's own."""
    lines = [line.strip() for line in data.text.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    match = _OPENING.match(first)
    if match is None:
        lines.insert(0, opening_sentence(data))
    elif not all(f"《{m.title.strip()}》" in match.group("named") for m in data.answered) or (
        len(data.addressees) > 1 and not first.startswith("您们")
    ):
        rest = first[match.end() :].strip()
        lines[0:1] = [opening_sentence(data), *([rest] if rest else [])]
    return lines


def addressee(data: ReplyLetterData) -> str:
    return "、".join(data.addressees) + "委员："


def co_unit_line(opinion: CoUnitOpinion) -> str:
    """区教委（张三，2026年2月1日）：同意主办单位的答复。"""
    source = "，".join(
        part
        for part in (
            opinion.given_by,
            chinese_date(opinion.given_on) if opinion.given_on is not None else None,
        )
        if part
    )
    return f"{opinion.unit}" + (f"（{source}）" if source else "") + f"：{opinion.text}"


def _co_unit_blocks(data: ReplyLetterData) -> list[Block]:
    if not data.co_unit_opinions:
        return []
    return [
        Spacer(),
        Heading(1, "协办单位意见"),
        *(Paragraph(co_unit_line(o)) for o in data.co_unit_opinions),
    ]


def reply_letter_paper(data: ReplyLetterData) -> Paper:
    blocks: list[Block] = [Paragraph(text) for text in _body_paragraphs(data)]
    blocks.append(Paragraph(f"答复类别：{data.reply_class}类（{data.class_text}）"))
    handler = []
    if data.handler_name:
        handler.append(f"承办人：{data.handler_name}")
    if data.handler_phone:
        handler.append(f"联系电话：{data.handler_phone}")
    blocks.extend(_co_unit_blocks(data))
    if handler:
        blocks.append(Spacer())
        blocks.append(Paragraph("　".join(handler)))
    return Paper(
        title=reply_title(data),
        blocks=tuple(blocks),
        doc_number=data.document_number,
        addressee=addressee(data),
        signature=Signature(org=data.unit, date=data.signed_on),
        copy_to=data.copy_to,
        first_page_numbered=False,
    )
