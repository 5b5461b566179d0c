"""Rule 001, checked: `python -m scripts.conformance` (run by `task backend:lint`).

The checks read the source with `ast` and import nothing, so they run in a
second and work on any tree laid out like `backend/` (the tests feed them a
deliberately broken one).
"""
