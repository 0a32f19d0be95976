"""Dates in words as the secretariat writes them: 2026年1月5日 (DOMAIN §7)."""

from __future__ import annotations

from datetime import date


def chinese_date(day: date) -> str:
    """2026年1月5日: no padding, in a paper, a letter or a meeting's header alike."""
    return f"{day.year}年{day.month}月{day.day}日"
