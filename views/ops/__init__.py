"""Typed one-line operations the window calls, bound to an AppContext: the only door into the core."""
