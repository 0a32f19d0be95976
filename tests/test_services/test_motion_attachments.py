"""附件 of a motion on a day-one database (no demo): added with its SHA-256, listed, opened with
the hash checked, removed while with the secretariat — refusals write nothing. Both backends."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select, update

from models.domain.errors import DomainError
from models.domain.messages import message
from models.entities import MotionAttachment, MotionStateChange
from models.services.motions.commands import attachments as attach_module
from models.services.motions.commands.attachments import (
    attach_to_motion,
    remove_motion_attachment,
)
from models.services.motions.commands.entry import add_motion
from models.services.motions.commands.intake import advance_motion
from models.services.motions.contracts import MotionDraft
from models.services.motions.queries import motion_attachment_content, motion_attachments

from ._motions_day_one import build_day_one


def _motion(db) -> int:
    f = build_day_one(db)
    draft = MotionDraft(
        title="加快社区无障碍设施改造",
        proposer_id=f.members["王芳"],
        category="无障碍",
        body_text="老旧小区缺少坡道",
    )
    return add_motion(db, user="clerk", draft=draft).id


def _counts(db) -> tuple[int, int]:
    with db.session_factory() as session:
        files = session.scalar(select(func.count()).select_from(MotionAttachment)) or 0
        history = session.scalar(select(func.count()).select_from(MotionStateChange)) or 0
    return files, history


def _refused(db, code: str, call) -> DomainError:
    before = _counts(db)
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == code
    assert _counts(db) == before
    return caught.value


def test_attach_keeps_name_size_and_hash_and_lists_without_bytes(db, tmp_path):
    motion_id = _motion(db)
    scan = tmp_path / "提案原件扫描.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the paper")
    attachment_id = attach_to_motion(db, user="clerk", motion_id=motion_id, path=scan)
    rows = motion_attachments(db, motion_id)
    assert [(r.id, r.filename, r.size, r.added_by) for r in rows] == [
        (attachment_id, "提案原件扫描.pdf", 26, "clerk")
    ]
    assert rows[0].sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    opened = motion_attachment_content(db, attachment_id)
    assert (opened.filename, opened.content) == ("提案原件扫描.pdf", scan.read_bytes())
    with db.session_factory() as session:
        history = session.scalars(
            select(MotionStateChange.action).where(MotionStateChange.motion_id == motion_id)
        ).all()
    assert history[-1] == "添加附件"
    assert motion_attachments(db, motion_id + 1) == []


def test_a_damaged_attachment_is_refused_when_opened(db, tmp_path):
    motion_id = _motion(db)
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"original")
    attachment_id = attach_to_motion(db, user="clerk", motion_id=motion_id, path=scan)
    with db.session_factory() as session:
        session.execute(
            update(MotionAttachment)
            .where(MotionAttachment.id == attachment_id)
            .values(content=b"tampered")
        )
        session.commit()
    with pytest.raises(DomainError) as caught:
        motion_attachment_content(db, attachment_id)
    assert caught.value.code == "motion_attachment_damaged"
    assert "a.pdf" in message(caught.value.code, caught.value.params)


def test_bad_paths_duplicates_and_large_files_are_refused_and_write_nothing(
    db, tmp_path, monkeypatch
):
    motion_id = _motion(db)

    def attach(path):
        return lambda: attach_to_motion(db, user="clerk", motion_id=motion_id, path=path)

    _refused(db, "file_not_found", attach(tmp_path / "没有这个文件.pdf"))
    _refused(db, "file_is_folder", attach(tmp_path))
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    _refused(db, "motion_attachment_empty", attach(empty))
    first = tmp_path / "第一份.pdf"
    first.write_bytes(b"same bytes")
    attach_to_motion(db, user="clerk", motion_id=motion_id, path=first)
    copy = tmp_path / "副本.pdf"
    copy.write_bytes(b"same bytes")
    error = _refused(db, "motion_attachment_same", attach(copy))
    assert "第一份.pdf" in message(error.code, error.params)
    monkeypatch.setattr(attach_module, "MAX_ATTACHMENT_BYTES", 4)
    big = tmp_path / "大文件.pdf"
    big.write_bytes(b"12345")
    error = _refused(db, "motion_attachment_too_large", attach(big))
    assert "50 MB" in message(error.code, error.params)
    monkeypatch.setattr(attach_module, "MAX_ATTACHMENT_BYTES", 50 * 1024 * 1024)
    _refused(
        db,
        "motion_not_found",
        lambda: attach_to_motion(db, user="clerk", motion_id=motion_id + 99, path=first),
    )
    # the same file on another motion is no duplicate
    other = add_motion(
        db,
        user="clerk",
        draft=MotionDraft(
            title="另一件提案",
            proposer_id=_proposer(db, motion_id),
            category="无障碍",
            body_text="x",
        ),
    ).id
    attach_to_motion(db, user="clerk", motion_id=other, path=copy)
    assert [r.filename for r in motion_attachments(db, other)] == ["副本.pdf"]


def _proposer(db, motion_id: int) -> int:
    from models.entities import Motion

    with db.session_factory() as session:
        motion = session.get(Motion, motion_id)
        assert motion is not None
        return motion.proposer_id


def test_remove_while_with_the_secretariat_leaves_a_history_row(db, tmp_path):
    motion_id = _motion(db)
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"scan")
    attachment_id = attach_to_motion(db, user="clerk", motion_id=motion_id, path=scan)
    advance_motion(
        db, user="clerk", motion_id=motion_id, expected_version=None, action="start_review"
    )
    remove_motion_attachment(db, user="clerk", attachment_id=attachment_id)
    assert motion_attachments(db, motion_id) == []
    with db.session_factory() as session:
        last = session.scalars(
            select(MotionStateChange)
            .where(MotionStateChange.motion_id == motion_id)
            .order_by(MotionStateChange.id.desc())
        ).first()
        assert last is not None
        assert (last.action, last.reason, last.by) == ("删除附件", "a.pdf", "clerk")
    _refused(
        db,
        "motion_attachment_not_found",
        lambda: remove_motion_attachment(db, user="clerk", attachment_id=attachment_id),
    )


def test_remove_is_refused_once_the_motion_left_the_secretariat(db, tmp_path):
    motion_id = _motion(db)
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"scan")
    attachment_id = attach_to_motion(db, user="clerk", motion_id=motion_id, path=scan)
    advance_motion(db, user="clerk", motion_id=motion_id, expected_version=None, action="withdraw")
    error = _refused(
        db,
        "motion_attachment_not_removable",
        lambda: remove_motion_attachment(db, user="clerk", attachment_id=attachment_id),
    )
    assert "a.pdf" in message(error.code, error.params)
    assert [r.id for r in motion_attachments(db, motion_id)] == [attachment_id]


def test_clearing_the_federation_removes_motion_attachments_first(db, tmp_path):
    from models.services.common.federation_data import clear_federation

    motion_id = _motion(db)
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"scan")
    attach_to_motion(db, user="clerk", motion_id=motion_id, path=scan)
    counts = clear_federation(db, user="clerk", note="清空")
    assert (counts["motion_attachment"], counts["motion"]) == (1, 1)
    assert _counts(db) == (0, 0)
