"""The last step on every engine: each generated page's built HTML, cleaned and given its JSON-LD.

The generated Markdown is inert on its own (the injection corpus proves it on
each engine without this step). Cleaning is defence in depth, and it runs on the
built HTML, so it is the same whichever engine turned the Markdown into HTML:
only what lies between the two comments `marked` puts around a page's body (its
footnotes included), and never the theme's own markup around it: titles, the
navigation, the table of contents and the search index come from the engine,
which escapes them.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import nh3

from ..content.model import Briefing
from ..data.jsonld import page_jsonld, script_tag
from ..errors import BriefingError
from ..render.urls import UrlOf, page_url

CONTENT_START = "<!-- briefing:content -->"
CONTENT_END = "<!-- /briefing:content -->"

# Everything the generated Markdown legitimately produces, and nothing else.
ALLOWED_TAGS = {
    "a", "blockquote", "br", "button", "code", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "mark", "ol", "p", "span", "strong", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
    # The pictures (pictures.py):
    "svg", "title", "rect", "line", "circle", "path", "text",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title"},
    # Robust Links (robustlinks.mementoweb.org): where an archived copy of a link's target is.
    "a": {"href", "data-originalurl", "data-versionurl", "data-versiondate"},
    "button": {"type", "popovertarget", "aria-label"},
    "span": {"popover"},
    "svg": {"viewBox", "role"},
    "rect": {"x", "y", "width", "height", "rx"},
    "line": {"x1", "y1", "x2", "y2"},
    "circle": {"cx", "cy", "r"},
    "path": {"d"},
    "text": {"x", "y", "text-anchor"},
}


def sanitise(html: str) -> str:
    """Keep only an allow-list of whatever reached the HTML."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


#: Python-Markdown's footnotes extension puts the footnotes here, instead of after everything, end comment included.
FOOTNOTES_PLACE = "///Footnotes Go Here///"
#: A footnote's definition: the generated pages write them from column 1; text in them can't start a line with '['.
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]\s]+\]:", re.MULTILINE)


def marked(page: str) -> str:
    """A generated page with its body between the two comments `finished` looks for (after any front matter).

    Its footnotes are placed before the end comment; without footnotes the place stays unmarked, as it would
    otherwise show as text.
    """
    front = ""
    if page.startswith("---\n") and (close := page.find("\n---\n", 4)) != -1:
        front, page = page[: close + 5], page[close + 5 :]
    footnotes = f"{FOOTNOTES_PLACE}\n\n" if _FOOTNOTE_DEFINITION.search(page) else ""
    return f"{front}{CONTENT_START}\n\n{page.rstrip()}\n\n{footnotes}{CONTENT_END}\n"


def finished(html: str, head: str | None, where: str) -> str:
    """A built page with its content cleaned, and `head` (its JSON-LD) added to its head.

    A page whose markers are missing is refused, not passed through uncleaned.
    """
    start, end = html.find(CONTENT_START), html.rfind(CONTENT_END)
    if start == -1 or end < start:
        raise BriefingError(
            f"{where}: the built page lost the comments around its content, so it was not published; "
            "a template in the theme's custom_dir must print page.content as it is"
        )
    body = sanitise(html[start + len(CONTENT_START) : end])
    html = html[:start] + body + html[end + len(CONTENT_END) :]
    return html.replace("</head>", f"{head}\n</head>", 1) if head else html


def page_heads(briefing: Briefing, pages: dict[str, str], site_url: str | None) -> dict[str, str]:
    """Each generated page's schema.org JSON-LD script, by page path; URLs only with the site's URL."""
    url_of = _absolute(site_url) if site_url else None
    scripts = {page: page_jsonld(briefing, page, url_of) for page in pages}
    return {page: script_tag(data) for page, data in scripts.items() if data}


def _absolute(site_url: str) -> UrlOf:
    return lambda page: urljoin(site_url if site_url.endswith("/") else site_url + "/", page_url(page))
