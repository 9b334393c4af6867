"""A Briefing to the site's Markdown pages, as pure functions: the pages and their templates, links and URLs,
the pictures, the long lists, the source pages with their cited passages marked, and the theme's own files.

Every value a template prints is made inert first (inert.py): content is data, never markup.
Imports `content` and `errors`.
"""
