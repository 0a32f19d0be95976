"""Fixtures for the document engine: the shipped fonts, poppler, and the sample paper written once."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from models.documents.docx_writer import write_docx
from models.documents.pdf_writer import write_pdf
from models.domain.errors import Problem
from tests.test_documents.sample import sample_paper

FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"


def poppler(tool: str, *args: str) -> str:
    """Run a poppler-utils tool; skipped where it is missing, except on CI, where it must be there."""
    if shutil.which(tool) is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI requires {tool}: .ci/run installs poppler-utils")
        pytest.skip(f"{tool} not installed (apt-get install poppler-utils)")
    done = subprocess.run([tool, *args], capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


def pdf_text(path: Path, *options: str) -> list[str]:
    """pdftotext output, one string per page."""
    text = poppler("pdftotext", *options, str(path), "-")
    return text.split("\f")[:-1]


@pytest.fixture(scope="session")
def fonts_dir() -> Path:
    return FONTS_DIR


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Problem]]:
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    warnings = write_pdf(sample_paper(), path, fonts_dir=FONTS_DIR)
    return path, warnings


@pytest.fixture(scope="session")
def sample_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "sample.docx"
    write_docx(sample_paper(), path)
    return path
