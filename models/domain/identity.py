"""Resident ID (GB 11643) and disability-certificate numbers: normalise, validate, read facts."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from operator import mul

from models.domain.errors import Problem
from models.domain.vocabulary import CERT_CATEGORY_DIGIT, DisabilityCategory, Gender

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
EARLIEST_BIRTH = date(1900, 1, 1)

_ID_SHAPE = re.compile(r"\d{17}[\dX]")
_CERT_SHAPE = re.compile(r"\d{17}[\dX][1-7][1-4]")
_WHITE = re.compile(r"\s+")
_PLAIN = re.compile(r"[0-9X]*")  # ASCII: NFKC, the white space and the x leave it as it is


def normalise_identifier(raw: str) -> str:
    """NFKC (full-width digits become half-width), drop all white space, x becomes X."""
    if _PLAIN.fullmatch(raw):  # as typed in the template: nothing to change
        return raw
    text = unicodedata.normalize("NFKC", raw)
    return _WHITE.sub("", text).replace("x", "X")


def check_digit(first17: str) -> str:
    if len(first17) != len(WEIGHTS):
        raise ValueError(f"check_digit needs 17 digits, not {len(first17)}")
    if first17.isdecimal():
        # Each weight is 2^(18 - position) mod 11 and 13 ≡ 2 (mod 11), so the weighted sum is
        # twice the digits read in base 13, mod 11: one int() in C instead of 17 in Python.
        # isdecimal: exactly the characters int() reads one by one as digits (no sign, no _).
        return CHECK_CHARS[int(first17, 13) * 2 % 11]
    return CHECK_CHARS[sum(map(mul, map(int, first17), WEIGHTS)) % 11]


def birth_date_of(id_number: str) -> date | None:
    """Digits 7–14 as a date, or None when they are not a calendar date."""
    try:
        return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def gender_of(id_number: str) -> Gender:
    """Digit 17 is odd for men, even for women."""
    return Gender.MALE if int(id_number[16]) % 2 else Gender.FEMALE


def id_number_problem(normalised: str, *, today: date) -> Problem | None:
    """The first problem of an already normalised ID number, in DOMAIN §2's order."""
    return read_id_number(normalised, today=today)[0]


def read_id_number(normalised: str, *, today: date) -> tuple[Problem | None, date | None]:
    """id_number_problem, and the birth date when there is none (read once for both)."""
    if not _ID_SHAPE.fullmatch(normalised):
        if re.fullmatch(r"\d{15}", normalised):
            return Problem("id_format", params={"old_15_digit": True}), None
        return Problem("id_format"), None
    if check_digit(normalised[:17]) != normalised[17]:
        return Problem("id_checksum", params={"expected": check_digit(normalised[:17])}), None
    born = birth_date_of(normalised)
    if born is None or not EARLIEST_BIRTH <= born <= today:
        return Problem("id_birthdate"), None
    return None, born


def cert_number_problem(
    normalised: str,
    *,
    id_number: str | None = None,
    category: DisabilityCategory | None = None,
    grade: int | None = None,
) -> Problem | None:
    """Certificate = 18-char ID + category digit + grade digit; compared with what else is known.

    `id_number` is passed only when it is itself valid, so a bad ID is reported once, at the ID.
    """
    if not _CERT_SHAPE.fullmatch(normalised):
        return Problem("cert_format")
    if id_number is not None and normalised[:18] != id_number:
        return Problem("cert_id_mismatch")
    if category is not None and CERT_CATEGORY_DIGIT[normalised[18]] is not category:
        return Problem(
            "cert_category_mismatch",
            params={"cert_category": CERT_CATEGORY_DIGIT[normalised[18]].value},
        )
    if grade is not None and int(normalised[19]) != grade:
        return Problem("cert_grade_mismatch", params={"cert_grade": int(normalised[19])})
    return None


def category_of_cert(normalised: str) -> DisabilityCategory:
    return CERT_CATEGORY_DIGIT[normalised[18]]


def grade_of_cert(normalised: str) -> int:
    return int(normalised[19])


def mask_identifier(value: str | None) -> str | None:
    """First 6 and last 4 characters shown, the rest starred (DOMAIN §7)."""
    if value is None:
        return None
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


# An ID number (18: 17 digits and a digit or X) or a certificate number (20: the ID and two
# digits) anywhere in free text ("监护人110109…", "ID:110109…"), but not inside a longer run
# of digits (a 19-digit bank card number). The check digit is not asked for: a mistyped ID is
# still most of somebody's ID, and masking an 18-digit number that is not an ID costs nothing.
# Digits split by spaces ("110109 19800102 1359") are not recognised.
_ID_IN_TEXT = re.compile(r"(?<!\d)\d{17}[\dXx](?:\d\d)?(?!\d)")


def mask_ids_in_text(text: str) -> str:
    """Every ID- or certificate-shaped value in `text` masked as mask_identifier does."""
    return _ID_IN_TEXT.sub(lambda found: mask_identifier(found.group()) or "", text)
