"""Typed one-line operations the windows call, bound to an AppContext: the only door into the core."""
