"""The translation workflow: extraction (Babel methods), catalogues (update, read) and checkers."""
