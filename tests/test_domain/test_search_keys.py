"""Pinyin search keys for names."""

from __future__ import annotations

from models.domain.search_keys import normalise_query, pinyin_keys


def test_simple_name():
    assert pinyin_keys("张三") == ("zhangsan", "zs")


def test_heteronym_surname_yields_both_readings():
    full, initials = pinyin_keys("曾国藩")
    assert set(full.split()) == {"zengguofan", "cengguofan"}
    assert set(initials.split()) == {"zgf", "cgf"}


def test_single_heteronym_character():
    full, initials = pinyin_keys("曾")
    assert set(full.split()) == {"zeng", "ceng"}
    assert set(initials.split()) == {"z", "c"}


def test_rare_characters_kun_and_yun():
    full, initials = pinyin_keys("王堃")
    assert "wangkun" in full.split()
    assert "wk" in initials.split()
    full, initials = pinyin_keys("李赟")
    assert "liyun" in full.split()
    assert "ly" in initials.split()


def test_keys_are_lower_case_ascii_without_inner_spaces():
    full, initials = pinyin_keys("欧阳 娜娜")
    for key in (*full.split(), *initials.split()):
        assert key.isascii()
        assert key == key.lower()
    assert "ouyangnana" in full.split()


def test_surname_reading_added_only_where_it_differs():
    assert pinyin_keys("单田芳") == ("shantianfang dantianfang", "stf dtf")
    assert pinyin_keys("单于乐")[0].split()[0] == "chanyule"
    # 董 has a rare heteronym "zhong"; it must not make "zs" find 董诗琪.
    assert pinyin_keys("董诗琪") == ("dongshiqi", "dsq")


def test_normalise_query():
    assert normalise_query("  Zhang San ") == "zhangsan"
    assert normalise_query("ZS") == "zs"
    assert normalise_query("张 三") == "张三"
    assert normalise_query("") == ""
