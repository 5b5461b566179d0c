"""Users: accounts that sign in to the API and, as superusers, to the admin."""
