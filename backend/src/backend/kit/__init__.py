"""The entity kit: pieces every entity's app builds on (row writes, text rules)."""
