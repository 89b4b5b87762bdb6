"""Read models for the explorer and linked data: descriptions, neighbourhoods, browse, compare, search, counts."""
