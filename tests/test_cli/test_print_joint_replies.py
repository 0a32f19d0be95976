"""`yishi print reply | replies` on the demo after a joint reply (联合答复) to a lead and its 并案."""

from __future__ import annotations

import re
from datetime import date

from models.services.motions.commands.replies import send_reply
from models.services.motions.contracts import ReplyDraft, ReplyMode
from models.store.unit_of_work import open_database
from tests.test_documents.conftest import pdf_text

from .helpers import query, run_cli

NUMBER = "门残联函〔2026〕99号"


def _joint_reply(demo) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """Reply jointly to a demo lead in 办理中 and its merged motion; (id, number, proposer) each."""
    lead_id, follower_id = query(
        demo.path,
        "SELECT l.id, f.id FROM motion f JOIN motion l ON l.id = f.lead_motion_id "
        "WHERE f.state = 'merged' AND l.state = 'handling' ORDER BY l.number LIMIT 1",
    )[0]
    db = open_database(demo.url)
    try:
        send_reply(
            db,
            user="clerk",
            motion_id=lead_id,
            expected_version=None,
            reply=ReplyDraft(
                reply_class="A",
                text="已完成改造。",
                signer="王振华",
                signed_on=date(2026, 11, 2),
                sent_on=date(2026, 11, 2),
                document_number=NUMBER,
                mode=ReplyMode.JOINT,
            ),
        )
    finally:
        db.engine.dispose()
    facts = "SELECT m.id, m.number_text, p.name FROM motion m JOIN person p ON p.id = m.proposer_id WHERE m.id = ?"
    return query(demo.path, facts, lead_id)[0], query(demo.path, facts, follower_id)[0]


def _letters(demo) -> int:
    """Replied or closed motions, less the merged ones answered by their lead's joint letter."""
    replied = query(demo.path, "SELECT count(*) FROM motion WHERE state IN ('replied', 'closed')")
    joined = query(
        demo.path,
        "SELECT count(*) FROM motion m JOIN motion_reply r ON r.motion_id = m.id "
        "WHERE r.joint_reply_id IS NOT NULL AND m.state IN ('replied', 'closed')",
    )
    return replied[0][0] - joined[0][0]


def test_reply_of_a_merged_motion_prints_the_joint_letter(capsys, demo, tmp_path):
    (_lead_id, lead_number, lead_proposer), (follower_id, number, proposer) = _joint_reply(demo)
    out = tmp_path / "joint.pdf"
    result = run_cli(
        capsys, "--database", demo.url, "print", "reply", "--motion", str(follower_id),
        "-o", str(out),
    )  # fmt: skip
    assert result.code == 0, result.err
    text = re.sub(r"\s+", "", "".join(pdf_text(out)))
    names = "、".join(dict.fromkeys((lead_proposer, proposer)))
    assert f"{names}委员：" in text
    assert f"（{lead_number}）、《" in text and f"（{number}）收悉，现答复如下：" in text
    assert text.count(NUMBER) == 1


def test_replies_prints_a_joint_letter_once(capsys, demo, tmp_path):
    before = _letters(demo)
    (_l, lead_number, _lp), (_f, number, _fp) = _joint_reply(demo)
    assert _letters(demo) == before + 1  # two motions replied, one letter more
    folder = tmp_path / "letters"
    result = run_cli(
        capsys, "--database", demo.url, "print", "replies", "--format", "docx", "-o", str(folder)
    )
    assert result.code == 0, result.err
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == before + 1
    assert f"{lead_number}、{number}答复函.docx" in names
    assert f"{number}答复函.docx" not in names and f"{lead_number}答复函.docx" not in names
    assert f"已生成{before + 1}份提案答复函" in result.out
