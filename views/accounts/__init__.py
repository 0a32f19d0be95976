"""Signing in, passwords and the 账户 window (issue 15)."""
