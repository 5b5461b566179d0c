"""Review tests through the admin."""
