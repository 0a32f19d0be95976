"""The meeting commands, one module per area: planning, agenda, attendance, minutes, saving."""
