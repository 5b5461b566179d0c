"""User tests through the admin."""
