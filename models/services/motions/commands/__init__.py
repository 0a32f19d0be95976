"""The motions feature's commands: one module per area, one function per clerk action."""
