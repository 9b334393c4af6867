"""The Zensical engine: the pages generated before it builds, since it runs no Python plugins.

Zensical reads mkdocs.yml. A small configuration in the work folder inherits the
project's and points it at a copy of docs_dir holding the generated pages and
data files; afterwards each generated page gets the same last step as on MkDocs
(finish.py). The preview keeps that copy up to date while Zensical's own server
watches it.
"""

from __future__ import annotations

import datetime
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import watchdog.events
import watchdog.observers
import yaml

from .errors import BriefingError, ContentError
from .finish import finished, marked, page_heads
from .model import Briefing
from .pipeline import Project, generate_briefing
from .publish import DIRECTORY_URLS_NEEDED, page_url, site_files
from .writer import write_files

INSTALL_HINT = "install it with the project's extras: pip install -c constraints.txt -e '.[zensical]'"


def build_with_zensical(config_file: Path, work: Path, as_of: datetime.date | None) -> Path:
    """Generate the pages into `work`, build them with Zensical there; returns the built site's folder."""
    zensical = _zensical()
    settings = _settings(config_file)
    briefing, pages = generate_briefing(Project.from_config_file(config_file), as_of)
    docs, site = work / "docs", work / "site"
    shutil.copytree(settings.docs_dir, docs)
    write_files(_generated_files(briefing, pages, settings.site_url), docs)
    try:
        zensical.build(str(_write_derived(config_file, settings, work)), {"clean": True, "strict": True})
    except RuntimeError as error:
        raise BriefingError(f"Zensical: {error}") from None
    heads = page_heads(briefing, pages, settings.site_url)
    for page in pages:
        built = site / page_url(True)(page) / "index.html"
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
    with tempfile.TemporaryDirectory(prefix="briefing-zensical-") as temp:
        work = Path(temp)
        mirror = _Mirror(project, Path(settings.docs_dir), work / "docs", settings.site_url)
        mirror.update()
        observer = watchdog.observers.Observer()
        for folder in project.watched_dirs:
            if folder.is_dir():
                observer.schedule(_Settled(mirror.update), str(folder), recursive=True)
        observer.start()
        signal.signal(signal.SIGTERM, signal.default_int_handler)  # remove the work folder on `kill` as on Ctrl-C
        # In a process of its own: Zensical's server ends its process on a signal, leaving the work folder behind.
        derived = _write_derived(config_file, settings, work)
        server = subprocess.Popen([sys.executable, "-m", "zensical", "serve", "-f", str(derived), "-a", dev_addr])
        try:
            server.wait()
        except KeyboardInterrupt:
            server.terminate()
            server.wait()
        finally:
            observer.stop()
            observer.join()


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
    return settings


def _generated_files(briefing: Briefing, pages: dict[str, str], site_url: str | None) -> dict[str, str]:
    """The pages, each with the comments finish.py looks for, and the data files."""
    return {**{path: marked(text) for path, text in pages.items()}, **site_files(briefing, page_url(True), site_url)}


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

    def __init__(self, project: Project, docs_dir: Path, docs: Path, site_url: str | None) -> None:
        self.project, self.docs_dir, self.docs, self.site_url = project, docs_dir, docs, site_url
        self.files: dict[str, bytes] = {}
        self.generated: set[str] = set()
        """The generated pages of the last good content, which show the problems while there are any."""
        self.lock = threading.Lock()

    def update(self) -> None:
        with self.lock:
            files = {**self._hand_written(), **self._generated()}
            for relative, data in files.items():
                if self.files.get(relative) != data:
                    _write_atomically(self.docs / relative, data)
            for relative in self.files.keys() - files.keys():
                (self.docs / relative).unlink(missing_ok=True)
            self.files = files

    def _hand_written(self) -> dict[str, bytes]:
        paths = (path for path in self.docs_dir.rglob("*") if path.is_file())
        return {path.relative_to(self.docs_dir).as_posix(): path.read_bytes() for path in paths}

    def _generated(self) -> dict[str, bytes]:
        try:
            briefing, pages = generate_briefing(self.project)
        except ContentError as error:
            from .render import SECTION_INDEXES, render_problems_page  # as in pipeline.py: Jinja is slow to import

            print(f"ERROR   -  {error}", file=sys.stderr, flush=True)
            self.generated |= set(SECTION_INDEXES)
            page = marked(render_problems_page(error.problems)).encode()
            kept = {path: data for path, data in self.files.items() if path not in self.generated}
            return {**kept, **dict.fromkeys(self.generated, page)}
        self.generated = set(pages)
        return {path: text.encode() for path, text in _generated_files(briefing, pages, self.site_url).items()}


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
        if self.timer:
            self.timer.cancel()
        self.timer = threading.Timer(0.1, self.action)
        self.timer.start()
