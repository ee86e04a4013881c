"""Self-contained HTML graph views (pyvis)."""
