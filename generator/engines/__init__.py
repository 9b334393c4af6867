"""Thin adapters that turn the generated pages into a site: the MkDocs plugin and its live preview, the Zensical
engine, `generate --out`, the last step on every engine's HTML, and the atomic build.

Imports `pipeline` and everything below it; nothing imports it but the command line.
"""
