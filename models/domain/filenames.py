"""A stored file's name made safe to write on Windows and Linux, keeping what a clerk would see.

An attachment's name comes from the database, which another program (or an attacker with the
file) may have written: it can hold a path (`../../x`, `C:\\x`), a name Windows reserves for a
device (`CON.txt`, `com1`), control characters, trailing dots or spaces Windows drops, or be
longer than a file system allows. `safe_filename` keeps the last path component, replaces what
either system refuses, and keeps the extension so the right viewer opens it.
"""

from __future__ import annotations

import re

FALLBACK = "附件"
# Bytes, not characters: Linux allows 255 bytes and a Chinese character takes 3 in UTF-8.
MAX_BYTES = 200
MAX_EXTENSION = 16
# Windows reserves these as devices, with any extension and in any case (COM¹ too).
_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{prefix}{digit}" for prefix in ("COM", "LPT") for digit in "123456789¹²³"
}
_REFUSED = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


def safe_filename(name: str, fallback: str = FALLBACK) -> str:
    """`name`'s last component, writable as it is on Windows and Linux; `fallback` if nothing
    of it is left."""
    last = re.split(r"[\\/]", name)[-1]
    text = _REFUSED.sub("_", last).strip(" ").rstrip(". ")
    if text.strip(".") == "":
        text = ""
    stem, dot, extension = text.rpartition(".")
    if not dot or not stem or len(extension) > MAX_EXTENSION:
        stem, extension = text, ""
    if not stem:
        stem = fallback
    if stem.split(".")[0].upper().rstrip(" ") in _DEVICES:
        stem = f"_{stem}"
    suffix = f".{extension}" if extension else ""
    stem = _fitted(stem, MAX_BYTES - len(suffix.encode("utf-8"))).rstrip(". ") or fallback
    return stem + suffix


def _fitted(text: str, limit: int) -> str:
    """The longest prefix of `text` whose UTF-8 takes at most `limit` bytes."""
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")
