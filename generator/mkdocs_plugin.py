"""The MkDocs adapter: hands the generated pages to MkDocs in memory and watches content."""

from __future__ import annotations

import datetime
import os
import sys
from typing import Any
from urllib.parse import urljoin

import nh3
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .errors import BriefingError, ContentError
from .jsonld import page_jsonld, script_tag
from .model import Briefing
from .pipeline import Project, generate_briefing
from .publish import UrlOf, page_url, site_files
from .render import SECTION_INDEXES, render_problems_page

# Everything the generated Markdown legitimately produces, and nothing else.
ALLOWED_TAGS = {
    "a", "blockquote", "br", "button", "code", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "mark", "ol", "p", "span", "strong", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
    # The pictures (pictures.py):
    "svg", "title", "rect", "line", "circle", "path", "text",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
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
    """Defence in depth: whatever reached the HTML, keep only an allow-list of it."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


_EPOCH_GIVEN = "SOURCE_DATE_EPOCH" in os.environ


def _pin_build_date(as_of: datetime.date) -> None:
    """Date the build by the briefing's as-of date unless SOURCE_DATE_EPOCH was set when the build started.

    MkDocs stamps the sitemap and its gzip header with the build date; taking it
    from the content makes two builds of the same input byte-identical. Set
    anew on each build, so that a preview follows an edit of `as_of`.
    """
    if not _EPOCH_GIVEN:
        midnight = datetime.datetime.combine(as_of, datetime.time(), tzinfo=datetime.UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))


class BriefingConfig(Config):  # type: ignore[no-untyped-call]
    as_of = config_options.Optional(config_options.Type(datetime.date))
    """The edition to build; by default the briefing's own date. `briefing build --as-of` sets it."""


class BriefingPlugin(BasePlugin[BriefingConfig]):  # type: ignore[no-untyped-call]
    """`plugins: [briefing]` in mkdocs.yml builds the briefing's pages.

    Defining `on_startup` keeps one instance for a whole preview session, so the
    preview remembers which pages exist while the content is broken.
    """

    def __init__(self) -> None:
        self.generated: set[str] = set()
        self.heads: dict[str, str] = {}
        """Each page's schema.org JSON-LD script, which `on_post_page` adds to its head."""
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            # The pictures' links are raw HTML, which MkDocs does not rewrite: they are built for directory URLs.
            raise PluginError(
                f"{config.config_file_path}: the briefing plugin needs directory URLs, MkDocs' default; "
                "remove 'use_directory_urls: false'"
            )
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        project = Project.from_config_file(config.config_file_path)
        extra: dict[str, str] = {}
        try:
            briefing, pages = generate_briefing(project, self.config.as_of)
            _pin_build_date(briefing.as_of)
            extra = site_files(briefing, page_url(config.use_directory_urls), config.site_url)
            self.heads = _heads(briefing, pages, config)
        except BriefingError as error:
            if not isinstance(error, ContentError):
                raise PluginError(f"the briefing plugin's as_of: {error}") from None
            if not self.serving:
                raise PluginError(f"the briefing's content has problems:\n{error}") from None
            pages, self.heads = self._problems_pages(error), {}
        self.generated = set(pages)
        for path, text in {**pages, **extra}.items():
            files.append(File.generated(config, path, content=text))
        return files

    def _problems_pages(self, error: ContentError) -> dict[str, str]:
        """While previewing, every page shows the problems instead of stopping the server.

        They are printed outside MkDocs' logging, whose strict mode would abort the
        build and keep the stale pages in the browser.
        """
        print(f"ERROR   -  {error}", file=sys.stderr, flush=True)
        page = render_problems_page(error.problems)
        return dict.fromkeys(self.generated | set(SECTION_INDEXES), page)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return sanitise(html) if page.file.src_uri in self.generated else html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        head = self.heads.get(page.file.src_uri)
        return output.replace("</head>", f"{head}\n</head>", 1) if head else output

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in Project.from_config_file(config.config_file_path).watched_dirs:
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _heads(briefing: Briefing, pages: dict[str, str], config: MkDocsConfig) -> dict[str, str]:
    url_of = _absolute(page_url(config.use_directory_urls), config.site_url) if config.site_url else None
    scripts = {page: page_jsonld(briefing, page, url_of) for page in pages}
    return {page: script_tag(data) for page, data in scripts.items() if data}


def _absolute(url_of: UrlOf, site_url: str) -> UrlOf:
    return lambda page: urljoin(site_url if site_url.endswith("/") else site_url + "/", url_of(page))
