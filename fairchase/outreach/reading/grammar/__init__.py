"""Per-language word lists for `reading.clauses` (one module per language)."""
