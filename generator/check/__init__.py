"""Raw records to a Briefing, or every problem found: the schema, references, quotes found in their sources, the
per-kind rules and the editorial checks, in messages a maintainer can act on. Never raises on bad content.

Imports `read`, `content` and `errors`.
"""
