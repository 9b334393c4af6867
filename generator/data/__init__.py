"""A Briefing as open data: the JSON export and its schema, the CSVs, the feed, redirects, JSON-LD, and the content
files' JSON Schemas and field reference.

Imports `render` (how values read, where pages are), `content` and `errors`.
"""
