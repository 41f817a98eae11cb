"""Layer 2, localization: a language's conventions (locales/<lang>/style.toml, strings.yaml)
applied to the corpus, giving the localized tree whose text is final."""
