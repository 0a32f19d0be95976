"""Typed one-line operations the window calls, one module per feature, each bound to an AppContext."""
