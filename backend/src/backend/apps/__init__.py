"""Domain apps: each one a package laid out as rule 001 describes."""
