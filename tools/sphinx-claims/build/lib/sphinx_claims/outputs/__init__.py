"""Machine-readable outputs: ``claims.json`` and the JSON-LD in every page."""
