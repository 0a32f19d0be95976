"""Resident ID and disability-certificate rules (DOMAIN §2, §7)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.domain.identity import (
    CHECK_CHARS,
    WEIGHTS,
    birth_date_of,
    category_of_cert,
    cert_number_problem,
    check_digit,
    gender_of,
    grade_of_cert,
    id_number_problem,
    mask_identifier,
    normalise_identifier,
)
from models.domain.vocabulary import DisabilityCategory, Gender

TODAY = date(2025, 6, 30)
FIRST17 = "11010919800102123"
VALID_ID = "110109198001021239"  # check digit worked out by hand below


def with_check(first17: str) -> str:
    return first17 + check_digit(first17)


def code_of(problem):
    return None if problem is None else problem.code


# --- check digit ------------------------------------------------------------------------------


def test_weights_and_check_chars_are_gb11643():
    assert WEIGHTS == (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    assert CHECK_CHARS == "10X98765432"


def test_check_digit_of_known_id():
    total = sum(int(d) * w for d, w in zip(FIRST17, WEIGHTS, strict=True))
    assert total == 157
    assert total % 11 == 3
    assert check_digit(FIRST17) == "10X98765432"[3] == "9"
    assert with_check(FIRST17) == VALID_ID


@given(
    st.text(
        alphabet=st.sampled_from("0123456789") | st.characters(categories=["Nd"]),
        min_size=17,
        max_size=17,
    )
)
def test_check_digit_in_base_13_is_the_weighted_sum(first17):
    """The quick way (the digits read in base 13, issue 18) gives GB 11643's weighted sum, for
    ASCII digits and for any other script's decimal digits alike."""
    weighted = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    assert check_digit(first17) == CHECK_CHARS[weighted % 11]


@pytest.mark.parametrize("first17", ["1101091980010212a", "+1101091980010212", "1_101091980010212"])
def test_check_digit_refuses_what_is_not_digits(first17):
    with pytest.raises(ValueError):
        check_digit(first17)


def test_check_digit_can_be_x():
    # 11010519491231002X is the ID used as the standard's own example.
    assert check_digit("11010519491231002") == "X"
    assert id_number_problem("11010519491231002X", today=TODAY) is None


# --- normalisation -----------------------------------------------------------------------------


def test_normalise_full_width_digits_spaces_and_lower_x():
    assert normalise_identifier("１１０１０９１９８００１０２１２３９") == VALID_ID
    assert normalise_identifier(" 110109 19800102\t123 9\n") == VALID_ID
    assert normalise_identifier("11010519491231002x") == "11010519491231002X"
    assert normalise_identifier("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"
    assert normalise_identifier("110105\u300019491231002X") == "11010519491231002X"


# --- id_number_problem examples ----------------------------------------------------------------


def test_valid_id_has_no_problem():
    assert id_number_problem(VALID_ID, today=TODAY) is None


def test_fifteen_digit_old_id_is_id_format_with_old_flag():
    problem = id_number_problem("110109800102123", today=TODAY)
    assert problem.code == "id_format"
    assert problem.params == {"old_15_digit": True}


@pytest.mark.parametrize(
    "value",
    ["", "11010919800102123", "1101091980010212399", "11010919800102123A", "X10109198001021239"],
)
def test_bad_shape_is_id_format_without_old_flag(value):
    problem = id_number_problem(value, today=TODAY)
    assert problem.code == "id_format"
    assert not problem.params.get("old_15_digit")


def test_wrong_check_digit_reports_expected_digit():
    problem = id_number_problem(FIRST17 + "0", today=TODAY)
    assert problem.code == "id_checksum"
    assert problem.params == {"expected": "9"}


def test_impossible_birth_date_is_id_birthdate():
    assert code_of(id_number_problem(with_check("11010919800230123"), today=TODAY)) == (
        "id_birthdate"
    )


def test_future_birth_date_is_id_birthdate():
    tomorrow = TODAY + timedelta(days=1)
    first17 = "110109" + tomorrow.strftime("%Y%m%d") + "123"
    assert code_of(id_number_problem(with_check(first17), today=TODAY)) == "id_birthdate"
    # born today is still fine
    first17 = "110109" + TODAY.strftime("%Y%m%d") + "123"
    assert id_number_problem(with_check(first17), today=TODAY) is None


def test_birth_before_1900_is_id_birthdate():
    assert code_of(id_number_problem(with_check("11010918991231123"), today=TODAY)) == (
        "id_birthdate"
    )
    assert id_number_problem(with_check("11010919000101123"), today=TODAY) is None


def test_gender_of_odd_and_even():
    assert gender_of(VALID_ID) is Gender.MALE  # digit 17 is 3
    assert gender_of(with_check("11010919800102124")) is Gender.FEMALE
    assert gender_of(with_check("11010919800102120")) is Gender.FEMALE


def test_birth_date_of():
    assert birth_date_of(VALID_ID) == date(1980, 1, 2)
    assert birth_date_of(with_check("11010919800230123")) is None


# --- certificate -------------------------------------------------------------------------------

CERT = VALID_ID + "42"  # 肢体, grade 2


@pytest.mark.parametrize(
    "value",
    [
        "",
        VALID_ID,
        VALID_ID + "4",
        VALID_ID + "421",
        VALID_ID + "82",
        VALID_ID + "02",
        VALID_ID + "45",
        VALID_ID + "40",
        FIRST17 + "A42",
    ],
)
def test_cert_format(value):
    assert code_of(cert_number_problem(value)) == "cert_format"


def test_cert_with_x_check_char_is_well_formed():
    assert cert_number_problem("11010519491231002X11") is None


def test_cert_alone_has_no_problem():
    assert cert_number_problem(CERT) is None


def test_cert_id_mismatch():
    other = with_check("11010919800102125")
    assert code_of(cert_number_problem(CERT, id_number=other)) == "cert_id_mismatch"


def test_cert_category_mismatch_names_the_certificate_category():
    problem = cert_number_problem(CERT, category=DisabilityCategory.VISION)
    assert problem.code == "cert_category_mismatch"
    assert problem.params == {"cert_category": "肢体"}


def test_cert_grade_mismatch_names_the_certificate_grade():
    problem = cert_number_problem(CERT, grade=1)
    assert problem.code == "cert_grade_mismatch"
    assert problem.params == {"cert_grade": 2}


def test_cert_all_agree():
    assert (
        cert_number_problem(CERT, id_number=VALID_ID, category=DisabilityCategory.PHYSICAL, grade=2)
        is None
    )


def test_cert_id_mismatch_comes_before_category_and_grade():
    other = with_check("11010919800102125")
    problem = cert_number_problem(
        CERT, id_number=other, category=DisabilityCategory.VISION, grade=1
    )
    assert problem.code == "cert_id_mismatch"


@pytest.mark.parametrize(
    ("digit", "category"),
    [
        ("1", DisabilityCategory.VISION),
        ("2", DisabilityCategory.HEARING),
        ("3", DisabilityCategory.SPEECH),
        ("4", DisabilityCategory.PHYSICAL),
        ("5", DisabilityCategory.INTELLECTUAL),
        ("6", DisabilityCategory.PSYCHOSOCIAL),
        ("7", DisabilityCategory.MULTIPLE),
    ],
)
def test_category_of_cert(digit, category):
    assert category_of_cert(VALID_ID + digit + "3") is category


@pytest.mark.parametrize("grade", [1, 2, 3, 4])
def test_grade_of_cert(grade):
    assert grade_of_cert(VALID_ID + "1" + str(grade)) == grade


# --- masking -----------------------------------------------------------------------------------


def test_mask_18_chars():
    assert mask_identifier("11010519491231002X") == "110105********002X"


def test_mask_20_chars():
    assert mask_identifier(CERT) == "110109" + "*" * 10 + "3942"


def test_mask_none():
    assert mask_identifier(None) is None


@pytest.mark.parametrize("value", ["", "1", "1234567890"])
def test_mask_short_values_all_stars(value):
    assert mask_identifier(value) == "*" * len(value)


# --- properties of the check digit ---------------------------------------------------------------

areas = st.text(alphabet="0123456789", min_size=6, max_size=6)
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sequences = st.text(alphabet="0123456789", min_size=3, max_size=3)


@st.composite
def valid_ids(draw):
    first17 = draw(areas) + draw(births).strftime("%Y%m%d") + draw(sequences)
    return first17 + check_digit(first17)


@given(valid_ids())
def test_every_generated_id_is_valid(id_number):
    assert id_number_problem(id_number, today=TODAY) is None


@given(valid_ids(), st.integers(min_value=0, max_value=17), st.data())
def test_every_single_substitution_breaks_the_checksum(id_number, position, data):
    allowed = "0123456789X" if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from([c for c in allowed if c != id_number[position]]))
    changed = id_number[:position] + replacement + id_number[position + 1 :]
    assert code_of(id_number_problem(changed, today=TODAY)) == "id_checksum"


def test_every_single_substitution_breaks_the_checksum_exhaustively():
    """All 17×9 + 10 substitutions of a few fixed IDs, not only sampled ones."""
    for id_number in (VALID_ID, "11010519491231002X", with_check("65432120001231999")):
        for position in range(18):
            allowed = "0123456789X" if position == 17 else "0123456789"
            for replacement in allowed:
                if replacement == id_number[position]:
                    continue
                changed = id_number[:position] + replacement + id_number[position + 1 :]
                problem = id_number_problem(changed, today=TODAY)
                assert code_of(problem) == "id_checksum", changed


def test_weights_are_nonzero_mod_11():
    # Why substitution is always caught: w·d ≢ 0 (mod 11) for w, d in 1..10, as 11 is prime.
    assert all(w % 11 for w in WEIGHTS)
    assert all((w * d) % 11 for w in WEIGHTS for d in range(1, 10))


# --- ID numbers inside free text (issue 13, item 7) ----------------------------------------------


def test_ids_and_certificate_numbers_in_free_text_are_masked():
    from models.domain.identity import mask_ids_in_text

    text = "监护人110109198001021359，证号11010919800102135941；旧 11010919800102135x。"
    assert mask_ids_in_text(text) == (
        "监护人110109********1359，证号110109**********5941；旧 110109********135x。"
    )
    # A wrong check digit is still most of somebody's ID: masked all the same.
    assert mask_ids_in_text("110109198001021350") == "110109********1350"


def test_other_numbers_in_free_text_are_left_alone():
    from models.domain.identity import mask_ids_in_text

    for text in ("电话 13700000000", "卡号 6222021234567890123", "1101091980010213591", "张三"):
        assert mask_ids_in_text(text) == text


def test_a_message_never_prints_an_id_whole():
    from models.domain.errors import DomainError
    from models.domain.messages import message

    error = DomainError("not_a_candidate", name="张三", id_number="110109198001021359",
                        body="代表大会", term="第八届")  # fmt: skip
    text = message(error.code, error.params)
    assert "110109198001021359" not in text and "110109********1359" in text
    assert message("no_such_code", {"note": "110109198001021359"}).count("*") == 8
