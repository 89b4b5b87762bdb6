"""Tools for curators: find passages in source texts, start a study, look up existing terms, turn a sheet into Turtle."""
