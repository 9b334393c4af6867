"""Where each page lives on the site, and links from one page to another."""

from __future__ import annotations

import posixpath
from collections.abc import Callable

#: Page path ('participants/x.md') -> its URL relative to the site root.
UrlOf = Callable[[str], str]
#: The pictures' links are raw HTML, which no engine rewrites: they are built for directory URLs, which every
#: engine must then use.
DIRECTORY_URLS_NEEDED = "the briefing needs directory URLs, MkDocs' default; remove 'use_directory_urls: false'"


def page_url(page: str) -> str:
    """A page path's URL relative to the site root, with the directory URLs every engine must use."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def directory_url(target: str, from_page: str) -> str:
    """The URL of page `target` relative to page `from_page`, as directory URLs place them.

    Links in raw HTML (the pictures) are not rewritten by MkDocs, so they are built final; the engines refuse
    `use_directory_urls: false`, under which they would not hold.
    """
    here = page_url(from_page).rstrip("/") or "."
    there = page_url(target)
    relative = posixpath.relpath(there.rstrip("/") or ".", here)
    return relative + "/" if not there or there.endswith("/") else relative


def relative_path(target: str, from_dir: str) -> str:
    """`target` relative to `from_dir`, both relative to the docs root (posixpath.relpath, without its cost)."""
    if not from_dir:
        return target
    if "/" not in from_dir:
        # Nearly every page sits one folder deep: the link is the target within that
        # folder, or the target from the root.
        inside = target.startswith(from_dir) and target[len(from_dir) : len(from_dir) + 1] == "/"
        return target[len(from_dir) + 1 :] if inside else "../" + target
    here = from_dir.split("/")
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])
