"""The Zensical engine: the pages generated before it builds, since it runs no Python plugins.

Zensical reads mkdocs.yml. A small configuration in the work folder inherits the
project's and points it at a copy of docs_dir holding the generated pages and
data files; afterwards each generated page gets the same last step as on MkDocs
(finish.py). The preview keeps that copy up to date while Zensical's own server
watches it.
"""

from __future__ import annotations

import contextlib
import datetime
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import watchdog.events
import watchdog.observers
import yaml

from ..content.model import Briefing
from ..data.publish import site_files
from ..errors import BriefingError, ContentError
from ..pipeline import Project, Session
from ..render.navigation import missing_from_nav
from ..render.theme import THEME_FILES, theme_files
from ..render.urls import DIRECTORY_URLS_NEEDED, page_url
from .finish import finished, marked, page_heads
from .writer import write_files

INSTALL_HINT = "install it with the project's extras: pip install -c constraints.txt -e '.[zensical]'"


def build_with_zensical(config_file: Path, work: Path, as_of: datetime.date | None, session: Session) -> Path:
    """Generate the pages into `work`, build them with Zensical there; returns the built site's folder.

    Without `as_of`, the edition is the one mkdocs.yml's `briefing` plugin names, as on MkDocs.
    """
    import click

    zensical = _zensical()
    settings = _settings(config_file)
    briefing, pages = session.generate(as_of or _edition(settings))
    docs, site = work / "docs", work / "site"
    generated = _generated_files(briefing, pages, settings.site_url)
    _copy_docs(Path(settings.docs_dir), docs, generated)
    write_files({**generated, **_theme(Path(settings.docs_dir))}, docs)
    try:
        zensical.build(str(_write_derived(config_file, settings, work)), {"clean": True, "strict": True})
    except (RuntimeError, click.ClickException) as error:  # its configuration errors are ClickExceptions
        raise BriefingError(f"Zensical: {error}") from None
    heads = page_heads(briefing, pages, settings.site_url)
    for page in pages:
        built = site / page_url(page) / "index.html"
        if not built.is_file():
            raise BriefingError(f"{page}: Zensical wrote no page for it (no {built.relative_to(site)})")
        built.write_text(finished(built.read_text(encoding="utf-8"), heads.get(page), page), encoding="utf-8")
    return site


def serve_with_zensical(config_file: Path, dev_addr: str) -> None:
    """Zensical's server on `dev_addr` until interrupted, over a work folder that every save in the project updates.

    A preview, not a publication: finish.py does not run on what Zensical serves, so its pages have no JSON-LD
    and no cleaning pass (the generated Markdown is inert without it). While the content has problems, every
    generated page shows them.
    """
    _zensical()
    settings = _settings(config_file)
    project = Project.from_config_file(config_file)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # remove the work folder on `kill` as on Ctrl-C
    try:
        with tempfile.TemporaryDirectory(prefix="briefing-zensical-") as temp:
            work = Path(temp)
            mirror = _Mirror(project, Path(settings.docs_dir), work / "docs", settings)
            mirror.update()
            with _watching(project, mirror):
                code = _run_server(_write_derived(config_file, settings, work), dev_addr)
    except KeyboardInterrupt:
        return
    if code < 0:
        name = signal.Signals(-code).name
        raise BriefingError(f"Zensical's server was stopped by {name}; run `briefing serve --engine zensical` again")
    if code != 0:
        raise BriefingError(f"Zensical's server stopped with exit code {code}; is {dev_addr} already in use?")


def _run_server(config: Path, dev_addr: str) -> int:
    """Zensical's server in a process of its own: on a signal it ends its process, which would leave the work
    folder behind. Returns its exit code; stops it on Ctrl-C or `kill`."""
    server = subprocess.Popen([sys.executable, "-m", "zensical", "serve", "-f", str(config), "-a", dev_addr])
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        server.wait()
        raise


@contextlib.contextmanager
def _watching(project: Project, mirror: _Mirror) -> Iterator[None]:
    """Update the mirror after every save in the project's watched folders; none after the block."""
    observer = watchdog.observers.Observer()
    handler = _Settled(mirror.update)
    for folder in project.watched_dirs:
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    try:
        yield
    finally:
        observer.stop()
        observer.join()
        handler.cancel()
        mirror.close()


def _zensical() -> Any:
    try:
        import zensical
    except ImportError:
        raise BriefingError(f"the zensical engine needs Zensical: {INSTALL_HINT}", exit_code=2) from None
    return zensical


def _settings(config_file: Path) -> Any:
    """The project's mkdocs.yml as MkDocs reads it: paths resolved, defaults filled in."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        settings = load_config(str(config_file))
    except MkDocsException as error:
        raise BriefingError(str(error)) from None
    if not settings.use_directory_urls:
        raise BriefingError(f"{config_file}: {DIRECTORY_URLS_NEEDED}")
    if missing := missing_from_nav(settings.nav):
        raise BriefingError(f"{config_file}: {missing}")
    return settings


def _edition(settings: Any) -> datetime.date | None:
    """The `as_of` of mkdocs.yml's `briefing` plugin, if it names one."""
    plugin = settings.plugins.get("briefing")
    return plugin.config.as_of if plugin is not None else None


def _copy_docs(docs_dir: Path, docs: Path, generated: dict[str, str]) -> None:
    """docs_dir's files, which no generated file may replace."""
    for relative in sorted(generated):
        if (docs_dir / relative).exists():
            raise BriefingError(
                f"{docs_dir / relative}: the briefing generates a file of that name; rename or remove yours"
            )
    shutil.copytree(docs_dir, docs)


def _theme(docs_dir: Path) -> dict[str, str]:
    """The package's theme files, but those docs_dir holds its own of."""
    return theme_files(frozenset(path for path in THEME_FILES if (docs_dir / path).exists()))


def _generated_files(briefing: Briefing, pages: dict[str, str], site_url: str | None) -> dict[str, str]:
    """The pages, each with the comments finish.py looks for, and the data files."""
    return {**{path: marked(text) for path, text in pages.items()}, **site_files(briefing, page_url, site_url)}


def _write_derived(config_file: Path, settings: Any, work: Path) -> Path:
    """The work folder's configuration: the project's, with the pages and the site in the work folder."""
    derived: dict[str, Any] = {"INHERIT": str(config_file.resolve()), "docs_dir": "docs", "site_dir": "site"}
    if settings.theme.custom_dir:
        derived["theme"] = {"custom_dir": str(Path(settings.theme.custom_dir).resolve())}
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(derived), encoding="utf-8")
    return path


class _Mirror:
    """The work folder's docs: the project's docs_dir and the generated files, rewritten only where they changed."""

    def __init__(self, project: Project, docs_dir: Path, docs: Path, settings: Any) -> None:
        self.session, self.docs_dir, self.docs, self.settings = Session(project), docs_dir, docs, settings
        self.files: dict[str, bytes] = {}
        self.pages: set[str] = set()
        """The generated pages of the last good content, which show the problems while there are any."""
        self.data: dict[str, bytes] = {}
        """The data files, feed and redirects of the last good content, kept while there are problems."""
        self.lock = threading.Lock()
        self.closed = False

    def update(self) -> None:
        with self.lock:
            if self.closed:
                return
            try:
                theme = {path: text.encode() for path, text in theme_files().items()}
                files = {**theme, **self._hand_written(), **self._generated()}
            except BriefingError as error:
                print(f"ERROR   -  {error}", file=sys.stderr, flush=True)
                return
            for relative, data in files.items():
                if self.files.get(relative) != data:
                    _write_atomically(self.docs / relative, data)
            for relative in self.files.keys() - files.keys():
                (self.docs / relative).unlink(missing_ok=True)
            self.files = files

    def close(self) -> None:
        """No update after this one: the work folder is about to go."""
        with self.lock:
            self.closed = True

    def _hand_written(self) -> dict[str, bytes]:
        paths = (path for path in self.docs_dir.rglob("*") if path.is_file())
        return {path.relative_to(self.docs_dir).as_posix(): path.read_bytes() for path in paths}

    def _generated(self) -> dict[str, bytes]:
        try:
            briefing, pages = self.session.generate(_edition(self.settings))
        except ContentError as error:
            from ..render.pages import problems_pages  # as in pipeline.py: Jinja is slow to import

            print(f"ERROR   -  {error}", file=sys.stderr, flush=True)
            shown = problems_pages(error.problems, self.pages)
            return {**self.data, **{path: marked(text).encode() for path, text in shown.items()}}
        files = {
            path: text.encode() for path, text in _generated_files(briefing, pages, self.settings.site_url).items()
        }
        self.pages = set(pages)
        self.data = {path: data for path, data in files.items() if path not in self.pages}
        return files


def _write_atomically(path: Path, data: bytes) -> None:
    """Zensical's watcher must never read a half-written page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.replace(path)


class _Settled(watchdog.events.FileSystemEventHandler):
    """Run `action` once a burst of file events (one save is several) has paused for a tenth of a second."""

    def __init__(self, action: Callable[[], None]) -> None:
        self.action = action
        self.timer: threading.Timer | None = None

    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        self.cancel()
        self.timer = threading.Timer(0.1, self.action)
        self.timer.daemon = True
        self.timer.start()

    def cancel(self) -> None:
        if self.timer:
            self.timer.cancel()
