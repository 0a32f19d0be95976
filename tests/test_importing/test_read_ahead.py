"""The guard's inflating one chunk ahead on a thread (issue 18) hands over exactly what the plain
stream gives, raises what it raises at the same place, and leaves no thread behind."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.importing.read_ahead import Background, read_ahead


class Broken(Exception):
    pass


def stream(items: list[bytes], fail_at: int | None) -> Iterator[bytes]:
    for at, item in enumerate(items):
        if at == fail_at:
            raise Broken(at)
        yield item


def outcome(chunks: Iterator[bytes]) -> tuple[list[bytes], int | None]:
    seen: list[bytes] = []
    try:
        for chunk in chunks:
            seen.append(chunk)
    except Broken as exc:
        return seen, exc.args[0]
    return seen, None


@given(items=st.lists(st.binary(max_size=8), max_size=30), fail_at=st.none() | st.integers(0, 30))
def test_the_same_chunks_and_the_same_failure_as_the_plain_stream(items, fail_at):
    assert outcome(read_ahead(stream(items, fail_at))) == outcome(stream(items, fail_at))


def test_a_caller_that_stops_early_leaves_no_thread_and_stops_the_producer():
    produced: list[int] = []

    def endless() -> Iterator[bytes]:
        n = 0
        while True:
            produced.append(n)
            yield b"x" * 10
            n += 1

    before = threading.active_count()
    chunks = read_ahead(endless())
    assert next(chunks) == b"x" * 10
    chunks.close()
    assert threading.active_count() == before
    assert len(produced) <= 4  # one taken, at most two waiting, one being made


def test_a_failure_raised_by_the_caller_ends_the_producer():
    before = threading.active_count()
    chunks = read_ahead(iter([b"a", b"b", b"c"]))
    with pytest.raises(RuntimeError):
        for _ in chunks:
            raise RuntimeError("the caller's budget is spent")
    chunks.close()  # as the guard's `closing` does
    assert threading.active_count() == before


def test_background_work_hands_back_its_result_or_its_error():
    assert Background(lambda: 6 * 7).result() == 42

    def broken() -> int:
        raise Broken("in the thread")

    failing = Background(broken)
    failing.wait()  # no error: the caller has one of its own
    with pytest.raises(Broken, match="in the thread"):
        failing.result()
