"""三重一大: major-matter decisions from registration to completion."""
