"""The cycle collector is held off while a sheet is read (issue 18) and is on again after."""

from __future__ import annotations

import gc

import pytest

from models.importing.collector import collector_paused

from .helpers import person, read


def test_the_collector_is_off_inside_and_on_after_even_on_an_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()


def test_an_inner_block_leaves_the_collector_off_for_the_outer_one():
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_stays_off_when_it_was_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_reading_a_sheet_leaves_the_collector_on(tmp_path):
    assert read(tmp_path, [person()]).counted == 1
    assert gc.isenabled()
