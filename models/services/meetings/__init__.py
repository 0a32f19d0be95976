"""Meetings: numbering, agenda, attendance and minutes."""
