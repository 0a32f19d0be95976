"""Sheets of people into a term: the sitting roster, and the steps the slate import shares."""
