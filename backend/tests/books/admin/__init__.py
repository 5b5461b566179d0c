"""Book tests through the admin."""
