"""Saved Cypher queries and their runner."""
