"""Typed operations the windows call: one line each, bound to an AppContext; the only door into the core."""
