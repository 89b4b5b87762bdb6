"""The build: read the curated sources, validate and reason over them, and write a release."""
