"""Layer 1, the corpus: the language-neutral book read from content/ into the typed model
(YAML reading, inline markup, ids, the loader, the derived thematic index)."""

SOURCE = "en"        # the language of content/: English is shown where a translation is missing
