"""The local review page: a face over the library API, like the CLI (docs/review.md)."""
