"""Layer 1, the corpus: the language-neutral book read from content/ into the typed model
(YAML reading, inline markup, ids, the loader, the derived thematic index)."""
