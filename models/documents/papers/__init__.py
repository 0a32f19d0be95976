"""The secretariat's papers, each built from plain data into one Paper description."""
