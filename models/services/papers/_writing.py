"""Writing a built paper to a file as PDF, DOCX or XLSX; an unwritable file is refused in words."""

from __future__ import annotations

from pathlib import Path

from models.documents.paper import Chart, Paper
from models.domain.errors import Problem
from models.services.papers._refusal import bad_arguments
from models.services.papers.contracts import PaperFormat


def write_document(paper: Paper, fmt: PaperFormat, path: Path, fonts_dir: Path) -> list[Problem]:
    """Write an already built paper; returns the problems (characters no shipped face can draw)."""
    # reportlab (≈ 40 ms) is imported by whoever writes: a batch's workers, not the caller.
    from models.documents.fonts import load_fonts

    if fmt == PaperFormat.PDF or any(isinstance(b, Chart) for b in paper.blocks):
        load_fonts(fonts_dir)  # a missing font file is the installation's fault, not the path's
    try:
        # Each writer's library is imported only for its format (python-docx, openpyxl).
        if fmt == PaperFormat.XLSX:
            from models.documents.xlsx_summary import write_xlsx

            write_xlsx(paper, path)
            return []
        if fmt == PaperFormat.PDF:
            from models.documents.pdf_writer import write_pdf

            return write_pdf(paper, path, fonts_dir=fonts_dir)
        from models.documents.docx_writer import write_docx

        write_docx(paper, path, fonts_dir=fonts_dir)
        return []
    except PermissionError as exc:
        raise bad_arguments(f"无法写入 {path}：没有权限，或文件正被其他程序打开") from exc
    except FileNotFoundError as exc:
        raise bad_arguments(f"无法写入 {path}：文件夹不存在") from exc
    except OSError as exc:
        raise bad_arguments(f"无法写入 {path}：{exc.strerror or exc}") from exc


def write_combined_pdf(
    papers: list[Paper], path: Path, fonts_dir: Path, *, title: str
) -> list[list[Problem]]:
    """Several built papers in one PDF, each from a new page; the problems paper by paper."""
    from models.documents.fonts import load_fonts
    from models.documents.pdf_writer import write_pdfs

    load_fonts(fonts_dir)
    try:
        return write_pdfs(papers, path, title=title, fonts_dir=fonts_dir)
    except PermissionError as exc:
        raise bad_arguments(f"无法写入 {path}：没有权限，或文件正被其他程序打开") from exc
    except FileNotFoundError as exc:
        raise bad_arguments(f"无法写入 {path}：文件夹不存在") from exc
    except OSError as exc:
        raise bad_arguments(f"无法写入 {path}：{exc.strerror or exc}") from exc


def reply_file_name(number_text: str) -> str:
    """第5号 → 第5号答复函 (a file name without characters Windows refuses)."""
    safe = "".join("_" if c in '<>:"/\\|?*' else c for c in number_text.strip())
    return f"{safe or '提案'}答复函"
