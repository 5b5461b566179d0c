"""Book tests over REST."""
