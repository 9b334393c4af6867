"""Build the site with an engine into a temporary folder, then swap it into place atomically.

A failed or interrupted build never touches the previous site: the engine writes
into a fresh folder beside it, and only a complete build replaces it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime
import fcntl
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..errors import BriefingError, fault_message, fault_path
from ..pipeline import Project, Session

if TYPE_CHECKING:
    pass

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def build_with_mkdocs(config_file: Path, work: Path, as_of: datetime.date | None, session: Session) -> Path:
    """MkDocs, with the briefing plugin generating the pages in memory from `session`; returns the built site's
    folder."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site = work / "site"
    try:
        config = load_config(str(config_file), site_dir=str(site), strict=True)
        plugin = config.plugins.get("briefing")
        if plugin is None and as_of is not None:
            raise BriefingError("--as-of needs the briefing plugin in mkdocs.yml's plugins", exit_code=2)
        if plugin is not None:
            plugin.session = session  # the plugin's pages come from what `briefing build` checked
            plugin.config["as_of"] = as_of or plugin.config["as_of"]
        mkdocs_build(config)
    except MkDocsException as error:
        raise BriefingError(str(error)) from None
    return site


# The engines' modules are imported when used, so that the command line can name the engines without them.


def serve_with_mkdocs(config_file: Path, dev_addr: str) -> None:
    from .preview import serve

    serve(config_file, dev_addr)


def build_with_zensical(config_file: Path, work: Path, as_of: datetime.date | None, session: Session) -> Path:
    from .zensical_engine import build_with_zensical

    return build_with_zensical(config_file, work, as_of, session)


def serve_with_zensical(config_file: Path, dev_addr: str) -> None:
    from .zensical_engine import serve_with_zensical

    serve_with_zensical(config_file, dev_addr)


@dataclass(frozen=True)
class Engine:
    build: Callable[[Path, Path, datetime.date | None, Session], Path]
    """(mkdocs.yml, an empty work folder, the edition, the session checked with) -> the folder it built the site in,
    inside the work folder."""
    serve: Callable[[Path, str], None]
    """(mkdocs.yml, host:port): a live preview until interrupted."""


ENGINES = {
    "mkdocs": Engine(build_with_mkdocs, serve_with_mkdocs),
    "zensical": Engine(build_with_zensical, serve_with_zensical),
}
DEFAULT_ENGINE = "mkdocs"


def build_site(
    config_file: Path,
    site_dir: Path,
    allow_outside: bool = False,
    as_of: datetime.date | None = None,
    engine: str = DEFAULT_ENGINE,
    session: Session | None = None,
) -> None:
    """Build into `site_dir` with `engine`, replacing it only if the whole build succeeds (strict mode).

    With `as_of`, the site is the briefing's edition of that date (see editions.py). The pages come from `session`
    (one of their own without it), so a build after a check reads nothing the check read again.
    """
    project = Project.from_config_file(config_file)
    session = session or Session(project)
    site_dir = site_dir.resolve()
    _refuse_unsafe(project, site_dir, allow_outside)
    prefix = f".{site_dir.name}-build-"
    failed = f"build failed, {site_dir.name}/ left as it was"
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive(site_dir):
            _remove_leftovers(site_dir.parent, prefix)
            staging = Path(tempfile.mkdtemp(prefix=prefix, dir=site_dir.parent))
            try:
                _replace(ENGINES[engine].build(config_file, staging, as_of, session), site_dir)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except BriefingError as error:
        raise BriefingError(f"{failed}: {error}", error.exit_code) from None
    except OSError as error:
        raise BriefingError(f"{failed}: {fault_message(error, _shown_fault_path(error, prefix, site_dir))}") from None


def _shown_fault_path(error: OSError, prefix: str, site_dir: Path) -> str | None:
    """Where the fault was, for a maintainer: a path inside a staging folder, which is gone, as the folder it was in."""
    path = fault_path(error)
    if path is not None and prefix in path:
        return f"{site_dir.parent} (writing the new site beside {site_dir.name}/)"
    return path


@contextmanager
def _exclusive(site_dir: Path) -> Iterator[None]:
    """One build of a site at a time, so a build never removes another's staging folder.

    The lock file lives in the system's temporary folder, named after the site's
    path, so a build writes nothing beside the site but its staging folder; it is
    removed afterwards, so builds leave nothing behind there either.
    """
    lock_file = Path(tempfile.gettempdir()) / f"briefing-build-{_lock_digest(site_dir)}.lock"
    while True:
        handle = lock_file.open("a")
        fcntl.flock(handle, fcntl.LOCK_EX)
        # The build that held the lock may have removed the file while this one waited for it:
        # then this lock guards nothing, as the next build creates and locks a new file.
        if _same_file(handle, lock_file):
            break
        handle.close()
    try:
        yield
    finally:
        lock_file.unlink(missing_ok=True)  # before unlocking, so no build can lock this file afterwards
        handle.close()


def _lock_digest(site_dir: Path) -> str:
    return hashlib.sha256(str(site_dir).encode()).hexdigest()[:16]


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(handle.fileno())
    return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)


def _remove_leftovers(parent: Path, prefix: str) -> None:
    """Staging folders of builds that were killed; ours alone, by their name."""
    for leftover in parent.glob(f"{prefix}*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _refuse_unsafe(project: Project, site_dir: Path, allow_outside: bool) -> None:
    """The site replaces whatever is at `site_dir`: never the project's own files, nor, unasked, outside it."""
    inside_maintained = any(site_dir.is_relative_to(folder) for folder in project.watched_dirs)
    if project.root.is_relative_to(site_dir) or inside_maintained:
        raise BriefingError(f"refusing to build into {site_dir}: it would replace the project's own files", exit_code=2)
    if not allow_outside and not site_dir.is_relative_to(project.root):
        message = f"refusing to build into {site_dir}, outside the project; add --allow-outside if that is meant"
        raise BriefingError(message, exit_code=2)


def _replace(staging: Path, site_dir: Path) -> None:
    """Put the new site in place; afterwards `staging` holds the old one, if there was one."""
    os.chmod(staging, 0o755)
    if not site_dir.exists():
        staging.rename(site_dir)
        staging.mkdir()
    elif not _exchange(staging, site_dir):
        old = staging.with_name(staging.name + "-old")
        site_dir.rename(old)
        staging.rename(site_dir)
        old.rename(staging)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result != 0:
        logging.getLogger(__name__).debug("renameat2 failed: %s", os.strerror(ctypes.get_errno()))
    return bool(result == 0)
