"""The federation's profile (names, address for letterheads) and the rules file in force."""
