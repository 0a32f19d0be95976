"""`yishi print motion-form --motion ID | --blank` (one of the two, exit 2 otherwise) and
`yishi print replies --combined -o FILE.pdf`."""

from __future__ import annotations

from tests.test_documents.conftest import pdf_text

from .helpers import run_cli, scalar


def test_motion_form_and_blank_form(capsys, demo, tmp_path):
    motion = scalar(demo.path, "SELECT id FROM motion WHERE number IS NOT NULL ORDER BY id LIMIT 1")
    title = scalar(demo.path, f"SELECT title FROM motion WHERE id = {motion}")
    filled, blank = tmp_path / "f.pdf", tmp_path / "blank.docx"
    done = run_cli(
        capsys,
        "--database",
        demo.url,
        "print",
        "motion-form",
        "--motion",
        str(motion),
        "-o",
        str(filled),
    )
    assert done.code == 0, done.err
    assert "提案表" in done.out
    assert "".join(title.split()) in "".join("".join(pdf_text(filled)).split())
    done = run_cli(
        capsys,
        "--database",
        demo.url,
        "print",
        "motion-form",
        "--blank",
        "--format",
        "docx",
        "-o",
        str(blank),
    )
    assert done.code == 0, done.err
    assert blank.stat().st_size > 0


def test_both_or_neither_is_refused(capsys, demo, tmp_path):
    target = tmp_path / "f.pdf"
    for extra in ((), ("--blank", "--motion", "1")):
        result = run_cli(
            capsys, "--database", demo.url, "print", "motion-form", *extra, "-o", str(target)
        )
        assert result.code == 2, (extra, result.err)
        assert "--motion ID" in result.err and "--blank" in result.err
    wrong = run_cli(
        capsys,
        "--database",
        demo.url,
        "print",
        "reply",
        "--motion",
        "1",
        "--blank",
        "-o",
        str(target),
    )
    assert wrong.code == 2 and "--blank" in wrong.err
    term = run_cli(
        capsys,
        "--database",
        demo.url,
        "print",
        "motion-form",
        "--motion",
        "1",
        "--term",
        "7",
        "-o",
        str(target),
    )
    assert term.code == 2 and "--blank" in term.err
    assert not target.exists()


def test_cli_combined(capsys, demo, tmp_path):
    target = tmp_path / "all.pdf"
    done = run_cli(
        capsys, "--database", demo.url, "print", "replies", "--combined", "-o", str(target)
    )
    assert done.code == 0, done.err
    assert "合成" in done.out and len(pdf_text(target)) >= 2
    for bad in (tmp_path / "all.docx", tmp_path):
        refused = run_cli(
            capsys, "--database", demo.url, "print", "replies", "--combined", "-o", str(bad)
        )
        assert refused.code == 2 and ".pdf" in refused.err
    assert not (tmp_path / "all.docx").exists()
    wrong = run_cli(
        capsys,
        "--database",
        demo.url,
        "print",
        "reply",
        "--motion",
        "1",
        "--combined",
        "-o",
        str(target),
    )
    assert wrong.code == 2 and "--combined" in wrong.err
