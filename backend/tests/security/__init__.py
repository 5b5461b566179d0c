"""Security regression suite: one module per attack class (docs/security.md)."""
