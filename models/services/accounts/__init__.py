"""Accounts: who may sign in, with which role, and signing in (issue 15)."""
