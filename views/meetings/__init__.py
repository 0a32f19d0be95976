"""Meetings in the window: the list per body and term, the editor, attendance, minutes, papers."""
