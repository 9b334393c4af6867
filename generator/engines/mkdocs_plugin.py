"""The MkDocs adapter: hands the generated pages to MkDocs in memory and watches content."""

from __future__ import annotations

import datetime
import os
import sys
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..data.publish import site_files
from ..errors import BriefingError, ContentError
from ..pipeline import Project, Session
from ..render.navigation import missing_from_nav
from ..render.pages import problems_pages
from ..render.theme import theme_files
from ..render.urls import DIRECTORY_URLS_NEEDED, page_url
from .finish import finished, marked, page_heads

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
        """Each page's schema.org JSON-LD script, which `on_post_page` adds to its head (finish.py)."""
        self.serving = False
        self.session: Session | None = None
        """The session the pages come from: the one `briefing build` checked with, or one of the plugin's own,
        kept for as long as the plugin is (a whole `mkdocs serve`)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError(f"{config.config_file_path}: {DIRECTORY_URLS_NEEDED}")
        if missing := missing_from_nav(config.nav):
            raise PluginError(f"{config.config_file_path}: {missing}")
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if self.session is None:
            self.session = Session(Project.from_config_file(config.config_file_path))
        extra: dict[str, str] = {}
        try:
            briefing, pages = self.session.generate(self.config.as_of)
            _pin_build_date(briefing.as_of)
            extra = site_files(briefing, page_url, config.site_url)
            self.heads = page_heads(briefing, pages, config.site_url)
        except BriefingError as error:
            if not isinstance(error, ContentError):
                raise PluginError(f"the briefing plugin's as_of: {error}") from None
            if not self.serving:
                raise PluginError(f"the briefing's content has problems:\n{error}") from None
            pages, self.heads = self._problems_pages(error), {}
        self.generated = set(pages)
        pages = {path: marked(text) for path, text in pages.items()}
        theme = theme_files(frozenset(files.src_uris))
        for path, text in {**pages, **extra, **theme}.items():
            files.append(File.generated(config, path, content=text))
        return files

    def _problems_pages(self, error: ContentError) -> dict[str, str]:
        """While previewing, every page shows the problems instead of stopping the server.

        They are printed outside MkDocs' logging, whose strict mode would abort the
        build and keep the stale pages in the browser.
        """
        print(f"ERROR   -  {error}", file=sys.stderr, flush=True)
        return problems_pages(error.problems, self.generated)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri not in self.generated:
            return output
        try:
            return finished(output, self.heads.get(page.file.src_uri), page.file.src_uri)
        except BriefingError as error:
            raise PluginError(str(error)) from None

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in Project.from_config_file(config.config_file_path).watched_dirs:
            if folder.is_dir():
                server.watch(str(folder))
        return server
