"""The inference era: shared analysis package."""
