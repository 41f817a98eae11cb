"""Readers: documents outside the corpus (Word files) read back into blocks aligned with it by id."""
