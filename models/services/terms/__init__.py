"""Terms (届) of every body: open, correct, delete, record the election, hand over."""
