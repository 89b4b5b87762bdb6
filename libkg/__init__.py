"""libkg: build, validate, reason over and query a knowledge graph of library services."""

__version__ = "0.1.0"
