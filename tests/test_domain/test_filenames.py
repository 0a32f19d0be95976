"""Attachment names made safe to write on Windows and Linux."""

from __future__ import annotations

import pytest

from models.domain.filenames import MAX_BYTES, safe_filename


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("论证意见.pdf", "论证意见.pdf"),
        ("..", "附件"),
        (".", "附件"),
        ("...", "附件"),
        ("", "附件"),
        ("   ", "附件"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\win.ini", "win.ini"),
        ("C:\\Users\\x\\报告.docx", "报告.docx"),
        ("dir/..", "附件"),
        ("CON", "_CON"),
        ("CON.txt", "_CON.txt"),
        ("con.tar.gz", "_con.tar.gz"),
        ("Aux", "_Aux"),
        ("nul.pdf", "_nul.pdf"),
        ("COM1.pdf", "_COM1.pdf"),
        ("lpt9", "_lpt9"),
        ("CONSOLE.txt", "CONSOLE.txt"),
        ("COM10.txt", "COM10.txt"),
        ("报告. . ", "报告"),
        ("报告.pdf. ", "报告.pdf"),
        ("a\x00b\x1f\x7fc.pdf", "a_b__c.pdf"),
        ('a<b>c:d"e|f?g*h.pdf', "a_b_c_d_e_f_g_h.pdf"),
        (".bashrc", ".bashrc"),
    ],
)
def test_safe_names(name, safe):
    assert safe_filename(name) == safe


def test_a_long_name_is_cut_by_bytes_and_keeps_its_extension():
    long = safe_filename("文" * 300 + ".docx")
    assert long.endswith(".docx") and long.startswith("文")
    assert len(long.encode("utf-8")) <= MAX_BYTES
    assert len(safe_filename("x" * 1000).encode("utf-8")) == MAX_BYTES


def test_an_overlong_extension_is_part_of_the_name():
    assert safe_filename("a." + "b" * 40) == "a." + "b" * 40
    assert len(safe_filename("a." + "b" * 400).encode("utf-8")) <= MAX_BYTES
