"""Thin writers over the localized tree: text proof, PDF, DOCX."""
