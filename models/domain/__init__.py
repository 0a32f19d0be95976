"""Pure rules of the federation's secretariat: no database, no Qt, no file formats."""
