"""slate_record: a SlateRecord built through its slots (issue 18) is the dataclass's own record."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.domain.slate import SlateRecord, slate_record
from models.domain.vocabulary import DelegateType, DisabilityCategory, Gender

text = st.none() | st.text(max_size=4)
categories = st.tuples(*[st.sampled_from(DisabilityCategory)] * 2) | st.just(())
FIELDS = st.tuples(
    st.integers(1, 10_000),  # row
    st.text(max_size=4),  # name
    st.none() | st.sampled_from(Gender),
    text,  # id_number
    text,  # electoral_unit
    st.sampled_from(DelegateType),
    text,  # cert_number
    st.none() | st.sampled_from(DisabilityCategory),
    st.none() | st.integers(1, 4),
    categories,  # multi_components
    st.booleans(),
    categories,  # relative_categories
    st.none() | st.booleans(),  # is_rural
    *[st.booleans()] * 4,  # role model, frontline, organisation, volunteer
    text,  # ethnicity
    st.none() | st.dates(date(1900, 1, 1), date(2026, 1, 1)),
    text,  # work unit and post
    text,  # political status
    text,  # phone
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),  # remarks
    st.none() | st.integers(1, 99),  # key
)


@given(FIELDS)
def test_the_same_record_as_the_dataclass_builds(values):
    built, plain = slate_record(*values), SlateRecord(*values)
    assert type(built) is SlateRecord
    assert built == plain
    assert repr(built) == repr(plain)
    assert dataclasses.astuple(built) == dataclasses.astuple(plain)
    try:
        expected = hash(plain)
    except TypeError:  # remarks is a dict: neither is hashable
        with pytest.raises(TypeError):
            hash(built)
    else:
        assert hash(built) == expected
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.name = "改"  # type: ignore[misc]


def test_a_record_with_hashable_remarks_hashes_as_the_dataclass_own():
    values: list[Any] = [
        2,
        "张三",
        Gender.MALE,
        *[None] * 2,
        DelegateType.REGULAR,
        *[None] * 3,
        (),
        False,
        (),
    ]
    values += [None, False, False, False, False, *[None] * 5, (), None]
    assert hash(slate_record(*values)) == hash(SlateRecord(*values))


def test_every_field_must_be_given():
    with pytest.raises(ValueError):
        slate_record(2, "张三")
