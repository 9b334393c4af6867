"""The site's own stylesheet and script, shipped once in the package and added to every engine's docs.

A project's docs_dir may hold its own copy of either, which then replaces the package's (MAINTAINING.md).
"""

from __future__ import annotations

from importlib import resources

#: The theme's files, by their path under the docs root, as mkdocs.yml's extra_css and extra_javascript name them.
THEME_FILES = ("stylesheets/briefing.css", "javascripts/briefing.js")


def theme_files(own: frozenset[str] = frozenset()) -> dict[str, str]:
    """The package's theme files, {path under the docs root: text}, but those in `own`, which a project supplies."""
    assets = resources.files(__package__).joinpath("assets")
    return {path: assets.joinpath(path).read_text(encoding="utf-8") for path in THEME_FILES if path not in own}
