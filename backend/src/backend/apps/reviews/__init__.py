"""Reviews: a user's rating and words about a book."""
