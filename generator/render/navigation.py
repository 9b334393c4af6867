"""The sections a configured nav must list: one per kind, and the corrections."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..content.kinds import SITE_ORDER
from .corrections import CORRECTIONS_PAGE

#: (title, page) of each page a reader must reach from the nav, in the site's order.
NAV_PAGES = (*((kind.label, f"{kind.name}/index.md") for kind in SITE_ORDER), ("Corrections", CORRECTIONS_PAGE))


def missing_from_nav(nav: Any) -> str:
    """What a configured nav lacks, as an error naming the fix; empty when it lists every section, or when
    there is no nav and the engine lists every page itself."""
    if not nav:
        return ""
    listed = set(_pages_of(nav))
    missing = [(title, page) for title, page in NAV_PAGES if page not in listed]
    if not missing:
        return ""
    lines = "".join(f"\n  - {title}: {page}" for title, page in missing)
    return f"the nav lacks a section of the briefing; add under 'nav:'{lines}"


def _pages_of(nav: Any) -> Iterator[str]:
    """Every page a nav names, however deep its sections nest."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _pages_of(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _pages_of(value)
