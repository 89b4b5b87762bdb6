"""What the tests and the benchmarks share: project copies, real servers, one HTTP client, pages as read (not installed with libkg)."""
