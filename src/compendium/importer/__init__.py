"""`compendium import`: a reader's blocks (see `compendium.readers`) turned into a corpus chapter."""
