"""One way to write a date in words, for papers, letters and meeting headers alike."""

from __future__ import annotations

from datetime import date

from models.domain.dates import chinese_date


def test_a_date_in_words_has_no_padding() -> None:
    assert chinese_date(date(2026, 1, 5)) == "2026年1月5日"
    assert chinese_date(date(2026, 11, 25)) == "2026年11月25日"
    assert chinese_date(date(2026, 12, 31)) == "2026年12月31日"


def test_papers_letters_and_meeting_headers_share_it() -> None:
    import models.documents.papers.minutes as minutes
    import models.services.meetings.content as content

    assert minutes.chinese_date is chinese_date
    assert content.chinese_date is chinese_date
