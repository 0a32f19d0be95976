"""三重一大 windows: the register, one decision, the discussion recorder and the small forms."""
