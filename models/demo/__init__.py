"""A fictional but realistic district federation, for trying the program and for its tests."""
