"""`briefing serve`: a live preview that rebuilds only the pages an edit changed.

MkDocs' dirty build skips every page whose File says it is unmodified, and a
generated File always says it is modified. Between two builds of one session,
this module keeps each generated page whose Markdown, JSON-LD and settings are
unchanged, so MkDocs neither converts nor themes it again. It also mends what a
dirty build gets wrong: the search index still lists every page, not just the
rebuilt ones, and a page gone from the content is deleted from the site.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import watchdog.events
import watchdog.observers
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from .mkdocs_plugin import BriefingPlugin

log = logging.getLogger("mkdocs.plugins.briefing")

GENERATOR = "briefing"
SEARCH = "material/search"
SETTLE_SECONDS = 0.05
"""How long a burst of file events must have paused before a rebuild starts; MkDocs waits 0.1 s."""
IDLE_SECONDS = 0.25
"""How long after a build the garbage collector runs: once the browsers have fetched the new pages."""


class _Unchanged(File):
    """A generated page identical to the one the previous build wrote."""

    def is_modified(self) -> bool:
        return False


class _HandWritten(File):
    """A page of docs_dir: rebuilt every time, since what it shows (the nav, its links' targets) may have changed."""

    def is_modified(self) -> bool:
        return True


class _EditObserver(watchdog.observers.Observer):  # type: ignore[misc,valid-type]
    """The operating system's file events, not MkDocs' polling, and only those that change a file.

    Polling waits up to 0.5 s to see an edit and walks every content file twice a
    second, which at 10,000 entities holds the interpreter much of the time. The
    system's events also report files opened for reading, which every build does;
    watchdog falls back to polling where a system has no such events.
    """

    def schedule(self, handler: Any, path: str, **kwargs: Any) -> Any:
        return super().schedule(_FolderAsFiles(handler), path, **kwargs, event_filter=_CHANGES)


class _FolderAsFiles(watchdog.events.FileSystemEventHandler):
    """Pass a folder's move or deletion on as a file's: the system reports none for the files inside it,
    and MkDocs' handler ignores events about folders."""

    def __init__(self, handler: Any) -> None:
        self.handler = handler

    def dispatch(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.is_directory:
            event = watchdog.events.FileDeletedEvent(event.src_path)
        self.handler.dispatch(event)


_CHANGES = [
    watchdog.events.FileCreatedEvent,
    watchdog.events.FileModifiedEvent,
    watchdog.events.FileDeletedEvent,
    watchdog.events.FileMovedEvent,
    watchdog.events.DirDeletedEvent,
    watchdog.events.DirMovedEvent,
]


class _AccurateDirtyBuild(logging.Filter):
    """Drop MkDocs' warning that a dirty build may be inaccurate: this one is not, and strict mode would abort on it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build")


class IncrementalBuilds(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Added to the configuration of every build of a `briefing serve` session."""

    def __init__(self, template_cache: Path) -> None:
        self.template_cache = jinja2.FileSystemBytecodeCache(str(template_cache))
        """MkDocs makes a new template environment for each build; this spares compiling the theme again."""
        self.settings = ""
        """Digest of what every page depends on (mkdocs.yml, theme overrides); empty after a failed build."""
        self.pages: dict[str, tuple[str, Page | None]] = {}
        """Each generated page of the last build: its fingerprint and MkDocs' Page."""
        self.search: dict[str, list[dict[str, Any]]] = {}
        """Each page's entries in the search index, from the build that last rebuilt it."""
        self.outputs: set[Path] = set()
        """Where the last build wrote each file of its Files (the theme's, docs_dir's, the generated)."""
        self.files = Files([])
        self.fingerprints: dict[str, str] = {}
        self.indexed = 0

    def dirty(self, config: MkDocsConfig) -> bool:
        """Whether this build may keep pages from the last one: same settings, and that build succeeded."""
        settings = _settings_digest(config)
        if settings != self.settings:
            self.settings, self.pages, self.search = settings, {}, {}
            return False
        return True

    @event_priority(-100)  # after the generator has added its pages
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        generator = _generator(config)
        self.fingerprints = {
            uri: _fingerprint(files.src_uris[uri].content_string, generator.heads.get(uri, ""))
            for uri in generator.generated
        }
        self.files, self.indexed = Files([self._keep_if_unchanged(file, config) for file in files]), 0
        return self.files

    def _keep_if_unchanged(self, file: File, config: MkDocsConfig) -> File:
        if file.src_uri not in self.fingerprints:
            return _hand_written(file) if file.is_documentation_page() else file
        fingerprint, page = self.pages.get(file.src_uri, ("", None))
        if page is None or fingerprint != self.fingerprints[file.src_uri]:
            return file
        unchanged = _Unchanged.generated(config, file.src_uri, content=file.content_string)
        unchanged.page, page.file = page, unchanged
        page.update_date = get_build_date()  # the sitemap's date, which the briefing's as_of sets
        return unchanged

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.bytecode_cache = self.template_cache
        return env

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        if (index := _search_index(config)) is not None:
            self.search[page.file.src_uri] = index.entries[self.indexed :]
            self.indexed = len(index.entries)
        return context

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        pages = self.files.documentation_pages()
        self.search = {file.src_uri: self.search.get(file.src_uri, []) for file in pages}
        if (index := _search_index(config)) is not None:
            index.entries = [entry for entries in self.search.values() for entry in entries]
        outputs = {Path(file.abs_dest_path) for file in self.files}
        _delete(self.outputs - outputs, Path(config.site_dir))
        self.outputs = outputs
        self.pages = {
            uri: (fingerprint, self.files.src_uris[uri].page) for uri, fingerprint in self.fingerprints.items()
        }
        kept = sum(isinstance(file, _Unchanged) for file in self.files)
        log.info(f"briefing: rebuilt {len(self.fingerprints) - kept} changed pages, kept {kept} unchanged")

    def on_build_error(self, *, error: Exception) -> None:
        self.settings = ""


def serve(config_file: Path, dev_addr: str) -> None:
    """Serve a live preview on `dev_addr` until interrupted, rebuilding after every edit."""
    site_dir, template_cache = tempfile.mkdtemp(prefix="briefing_"), tempfile.mkdtemp(prefix="briefing_templates_")
    incremental, collection = IncrementalBuilds(Path(template_cache)), _IdleCollection()
    logging.getLogger("mkdocs.commands.build").addFilter(_AccurateDirtyBuild())

    def configured() -> MkDocsConfig:
        config = load_config(str(config_file), site_dir=site_dir, dev_addr=dev_addr)
        config.plugins["briefing-preview"] = incremental
        host, port = config.dev_addr
        config.site_url = f"http://{host}:{port}{urlsplit(config.site_url or '/').path}"
        return config

    def builder(config: MkDocsConfig | None = None) -> None:
        config = config or configured()
        with collection.paused():
            build(config, serve_url=config.site_url, dirty=incremental.dirty(config))

    config = configured()
    # Not dirty for the plugins: the search plugin's own merge of dirty builds assumes that one page changed.
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(str(config.site_url)).path
    server = LiveReloadServer(builder, host, port, site_dir, mount_path)
    server.observer = _EditObserver()
    server.build_delay = SETTLE_SECONDS
    server.error_handler = lambda code: _error_page(Path(site_dir), code)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # clean up the site on `kill` as on Ctrl-C
    try:
        builder(config)
        for path in [config.docs_dir, config.config_file_path, *config.watch]:
            server.watch(path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        for folder in (site_dir, template_cache):
            shutil.rmtree(folder, ignore_errors=True)


class _IdleCollection:
    """Builds run with the cyclic garbage collector paused; it collects once the preview is idle.

    A preview holds every page of its last build. The collections that a
    rebuild's allocations trigger would walk all of it again and again: 2.7 s
    of a 6 s rebuild at 10,000 entities, and a full collection after each build
    would cost 0.2 s at 1,000. So a build runs paused, what it kept is then
    frozen out of the collector's walks, and the reference cycles it left (a
    few megabytes a build) are collected a moment after the browsers reload.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            gc.disable()
            try:
                yield
            finally:
                gc.freeze()
                gc.enable()
        self.timer = threading.Timer(IDLE_SECONDS, self._collect)
        self.timer.daemon = True
        self.timer.start()

    def _collect(self) -> None:
        if self.lock.acquire(blocking=False):  # a build that started meanwhile schedules the next collection
            try:
                gc.unfreeze()
                gc.collect()
                gc.freeze()
            finally:
                self.lock.release()


def _hand_written(file: File) -> File:
    copy = _HandWritten(file.src_path, file.src_dir, file.dest_dir, file.use_directory_urls, inclusion=file.inclusion)
    copy.dest_uri = file.dest_uri
    return copy


def _fingerprint(markdown: str, head: str) -> str:
    return hashlib.blake2b(f"{markdown}\0{head}".encode(), digest_size=16).hexdigest()


def _settings_digest(config: MkDocsConfig) -> str:
    """Digest of the configuration files (mkdocs.yml, what it inherits, its hooks) and the theme overrides."""
    digest = hashlib.blake2b(digest_size=16)
    overrides = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    files = [*_config_files(Path(config.config_file_path)), *map(Path, config.hooks)]
    for path in [*files, *(sorted(overrides.rglob("*")) if overrides else ())]:
        info = path.stat()
        digest.update(f"{path}\0{info.st_mtime_ns}\0{info.st_size}\0".encode())
    return digest.hexdigest()


def _config_files(config_file: Path) -> Iterator[Path]:
    """mkdocs.yml and the chain of files it names under INHERIT."""
    seen: set[Path] = set()
    path: Path | None = config_file.resolve()
    while path is not None and path not in seen and path.is_file():
        seen.add(path)
        yield path
        parent = _INHERIT.search(path.read_text(encoding="utf-8"))
        path = (path.parent / parent.group(1).strip("'\" ")).resolve() if parent else None


_INHERIT = re.compile(r"^INHERIT:\s*(.+?)\s*$", re.MULTILINE)


def _generator(config: MkDocsConfig) -> BriefingPlugin:
    plugin = config.plugins[GENERATOR]
    assert isinstance(plugin, BriefingPlugin), f"mkdocs.yml lists no '{GENERATOR}' plugin"
    return plugin


def _search_index(config: MkDocsConfig) -> Any:
    """Material's index of the pages built so far; the preview completes it with the pages it kept."""
    return getattr(config.plugins.get(SEARCH), "search_index", None)


def _delete(outputs: set[Path], site_dir: Path) -> None:
    """Delete the files of pages gone from the content, and the folders they leave empty."""
    for path in outputs:
        if not path.is_relative_to(site_dir):
            continue
        path.unlink(missing_ok=True)
        for folder in path.parents:
            if folder == site_dir or not folder.is_relative_to(site_dir) or any(folder.iterdir()):
                break
            folder.rmdir()


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
