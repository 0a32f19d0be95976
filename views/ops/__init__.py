"""Typed one-line operations the windows call, one module per feature, bound to an AppContext."""
