"""From disk to raw records: content files and seeds read safely, YAML parsed to plain values with positions for
messages, and what the last run learnt, cached.

Knows the folder layout, not the schema. Imports `content` (the kinds) and `errors`.
"""
