"""What the tests and the benchmarks share: copies of the project, real servers, one HTTP client (not installed with libkg)."""
