"""The MkDocs adapter: hands the generated pages to MkDocs in memory and watches content."""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
import nh3
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from .errors import ContentError
from .jsonld import page_jsonld, script_tag
from .model import Briefing
from .pipeline import Project, generate_briefing
from .publish import UrlOf, page_url, site_files
from .render import SECTION_INDEXES, render_problems_page

log = logging.getLogger("mkdocs.plugins.briefing")

# Everything the generated Markdown legitimately produces, and nothing else.
ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "mark", "ol", "p", "span", "strong", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"*": {"id", "class", "title"}, "a": {"href"}}


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


def _absolute(url_of: UrlOf, site_url: str) -> UrlOf:
    return lambda page: urljoin(site_url if site_url.endswith("/") else site_url + "/", url_of(page))


def _pin_build_date(as_of: datetime.date) -> None:
    """Date the build by the briefing's as-of date unless SOURCE_DATE_EPOCH is set.

    MkDocs stamps the sitemap and its gzip header with the build date; taking it
    from the content makes two builds of the same input byte-identical.
    """
    midnight = datetime.datetime.combine(as_of, datetime.time(), tzinfo=datetime.UTC)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(midnight.timestamp())))


@dataclass(frozen=True)
class _Rendered:
    """What MkDocs made of one page's Markdown in an earlier build of this preview session."""

    markdown: str
    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str]


class _TemplateCode(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory across the rebuilds of one preview session.

    MkDocs makes a new template environment for every build; without this each
    rebuild compiles Material's templates again. Jinja checks each template's
    source against the checksum it keeps, so an edited template is compiled anew.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class BriefingPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """`plugins: [briefing]` in mkdocs.yml builds the briefing's pages.

    Defining `on_startup` keeps one instance for a whole `mkdocs serve` session,
    so the preview remembers which pages exist while the content is broken, and
    a rebuild after an edit converts only the pages whose Markdown changed.
    """

    def __init__(self) -> None:
        self.generated: set[str] = set()
        self.serving = False
        self.briefing: Briefing | None = None
        self.rendered: dict[str, _Rendered] = {}
        self.rendered_config = ""
        self.reused = 0
        self.template_code = _TemplateCode()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Pages converted under another configuration (extensions, URLs) are converted anew.
        digest = hashlib.sha256(Path(config.config_file_path).read_bytes()).hexdigest()
        if digest != self.rendered_config:
            self.rendered, self.rendered_config = {}, digest
        return config

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.serving:
            env.bytecode_cache = self.template_code
        return env

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        if self.serving and page.file.src_uri in self.generated:
            page.render = self._reusing_render(page, page.render)  # type: ignore[method-assign]
        return page

    def _reusing_render(self, page: Page, render: Callable[[MkDocsConfig, Files], None]) -> Callable[..., None]:
        """Page.render that takes the HTML of the previous build when the page's Markdown is unchanged.

        Converting Markdown is most of MkDocs' work per page, and an edit changes
        a few pages. The generator validated every link, so a page whose Markdown
        did not change links to pages that still exist.
        """

        def reusing_render(config: MkDocsConfig, files: Files) -> None:
            uri, kept = page.file.src_uri, self.rendered.get(page.file.src_uri)
            if kept is not None and kept.markdown == page.markdown:
                page.content, page.toc, page.present_anchor_ids = kept.content, kept.toc, kept.anchors
                page._title_from_render = kept.title
                self.reused += 1
                return
            render(config, files)
            if page.markdown is not None and page.content is not None:
                anchors = page.present_anchor_ids or set()
                self.rendered[uri] = _Rendered(page.markdown, page.content, page.toc, page._title_from_render, anchors)

        return reusing_render

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        project = Project.from_config_file(config.config_file_path)
        extra: dict[str, str] = {}
        try:
            self.briefing, pages = generate_briefing(project)
            _pin_build_date(self.briefing.meta.as_of)
            extra = site_files(self.briefing, page_url(config.use_directory_urls), config.site_url)
        except ContentError as error:
            if not self.serving:
                raise PluginError(f"the briefing's content has problems:\n{error}") from None
            self.briefing, pages = None, self._problems_pages(error)
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
        """Add the page's schema.org JSON-LD to its head."""
        if self.briefing is None or page.file.src_uri not in self.generated:
            return output
        url_of = _absolute(page_url(config.use_directory_urls), config.site_url) if config.site_url else None
        data = page_jsonld(self.briefing, page.file.src_uri, url_of)
        return output.replace("</head>", f"{script_tag(data)}\n</head>", 1) if data else output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.serving and self.reused:
            converted = len(self.generated) - self.reused
            log.info(f"briefing: converted {converted} changed pages, reused {self.reused} unchanged pages")
        self.reused = 0

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in Project.from_config_file(config.config_file_path).watched_dirs:
            if folder.is_dir():
                server.watch(str(folder))
        return server
