"""Faults a maintainer can meet (a full disk, a read-only disk, an unreadable seed, a killed engine): one line that
names the cause, the path and what to do, exit 1, no traceback, and the old site as it was.

The disks are small tmpfs mounts in a mount namespace of the test's own (`unshare`), so nothing outside the test
sees them and nothing is left mounted; without root, the namespace maps this user to root.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE, snapshot
from test_serve import free_port

pytestmark = pytest.mark.slow

BRIEFING = f"{shlex.quote(sys.executable)} -m generator"
#: Free space left on the disk before a build, in KB: before the pages, among them, and among the theme's assets.
FREE_KB = (100, 600, 1500)
NOBODY = 65534


def in_mount_namespace(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a bash script where its mounts are its own."""
    unshare = ["unshare", "--mount", *([] if os.geteuid() == 0 else ["--map-root-user"])]
    return subprocess.run([*unshare, "bash", "-euc", script], cwd=cwd, capture_output=True, text=True, timeout=300)


def shown_lines(stderr: str) -> list[str]:
    """What the command said, without MkDocs' progress lines."""
    return [line for line in stderr.splitlines() if not line.startswith("INFO ")]


@pytest.fixture(scope="module")
def faulty_disks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built on an 8 MB disk, then built again with the disk nearly full, then read-only; what each
    build printed, and the site after it, in the folder returned."""
    out = tmp_path_factory.mktemp("faults")
    project, disk = out / "project", out / "disk"
    subprocess.run(["cp", "-r", str(SAMPLE), str(project)], check=True)
    disk.mkdir()
    build = f'{BRIEFING} build --allow-outside -d "$disk/site"'
    script = f"""
        disk={shlex.quote(str(disk))}; out={shlex.quote(str(out))}
        mount -t tmpfs -o size=8m briefing-test "$disk"
        {build} 2> "$out/first.err"
        cp -a "$disk/site" "$out/old"
        for free in {" ".join(map(str, FREE_KB))}; do
          rm -f "$disk/filler"
          avail=$(df -k --output=avail "$disk" | tail -n 1)
          head -c $(( (avail - free) * 1024 )) /dev/zero > "$disk/filler"
          {build} 2> "$out/$free.err" && echo 0 > "$out/$free.code" || echo $? > "$out/$free.code"
          cp -a "$disk/site" "$out/site-$free"
          ls -A "$disk" > "$out/$free.listing"
        done
        rm -f "$disk/filler"
        head -c $(( ($(df -k --output=avail "$disk" | tail -n 1) - 20) * 1024 )) /dev/zero > "$disk/filler"
        {BRIEFING} generate --out "$disk/pages" 2> "$out/generate.err" || echo $? > "$out/generate.code"
        rm -rf "$disk/filler" "$disk/pages"
        mount -o remount,ro "$disk"
        {build} 2> "$out/read-only.err" && echo 0 > "$out/read-only.code" || echo $? > "$out/read-only.code"
        cp -a "$disk/site" "$out/site-read-only"
    """
    result = in_mount_namespace(script, project)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.mark.parametrize("free", FREE_KB)
def test_a_full_disk_ends_the_build_in_one_line_and_keeps_the_old_site(faulty_disks: Path, free: int) -> None:
    disk = faulty_disks / "disk"
    lines = shown_lines((faulty_disks / f"{free}.err").read_text())
    assert lines == [
        f"Error: build failed, site/ left as it was: No space left on device: {disk} (writing the new site beside "
        "site/); the disk is full: free some space on it, then run the command again"
    ]
    assert (faulty_disks / f"{free}.code").read_text().strip() == "1"
    assert snapshot(faulty_disks / f"site-{free}") == snapshot(faulty_disks / "old")
    assert (faulty_disks / f"{free}.listing").read_text().split() == ["filler", "site"]  # no staging folder left


def test_generate_on_a_full_disk_names_the_file_and_the_fix(faulty_disks: Path) -> None:
    (line,) = shown_lines((faulty_disks / "generate.err").read_text())
    assert line.startswith(f"Error: No space left on device: {faulty_disks / 'disk' / 'pages'}/")
    assert line.endswith("; the disk is full: free some space on it, then run the command again")
    assert (faulty_disks / "generate.code").read_text().strip() == "1"


def test_a_read_only_disk_ends_the_build_in_one_line_and_keeps_the_old_site(faulty_disks: Path) -> None:
    assert shown_lines((faulty_disks / "read-only.err").read_text()) == [
        f"Error: build failed, site/ left as it was: Read-only file system: {faulty_disks / 'disk'} (writing the new "
        "site beside site/); that file system is read-only: use a folder on a writable one, or remount it writable"
    ]
    assert (faulty_disks / "read-only.code").read_text().strip() == "1"
    assert snapshot(faulty_disks / "site-read-only") == snapshot(faulty_disks / "old")


@pytest.fixture
def shared_project() -> Iterator[Path]:
    """A copy of the sample project that another user can read: tests/fixtures/sample in a world-readable folder."""
    with tempfile.TemporaryDirectory(prefix="briefing-faults-") as folder:
        root = Path(folder) / "project"
        subprocess.run(["cp", "-r", str(SAMPLE), str(root)], check=True)
        subprocess.run(["chmod", "-R", "a+rX", folder], check=True)
        yield root


def as_another_user(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`briefing ARGS` as a user who owns none of the project's files (nobody, when the tests run as root)."""
    drop = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if os.geteuid() == 0 else []
    env = {**os.environ, "BRIEFING_CACHE": "off"}
    command = [*drop, sys.executable, "-m", "generator", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def test_an_unreadable_seed_is_named_with_the_fix_and_the_old_site_kept(shared_project: Path) -> None:
    site = shared_project.parent / "site"
    os.chmod(site.parent, 0o777)
    built = as_another_user("build", "--allow-outside", "-d", str(site), cwd=shared_project)
    assert built.returncode == 0, built.stderr
    old = snapshot(site)
    seed = shared_project / "seeds/geneva-statement.txt"
    seed.chmod(0)
    result = as_another_user("build", "--allow-outside", "-d", str(site), cwd=shared_project)
    assert result.returncode == 1
    assert shown_lines(result.stderr) == [
        "Error: seeds/geneva-statement.txt: cannot read file: Permission denied; this user may not use it: change "
        "its permissions (`ls -l` shows them), or run as a user who may",
        "1 problem found.",
    ]
    assert snapshot(site) == old


def test_a_site_folder_another_user_owns_ends_the_build_in_one_line(shared_project: Path) -> None:
    site = shared_project.parent / "site"
    site.mkdir()
    (site / "index.html").write_text("the old site")
    os.chmod(site.parent, 0o755)  # another user may read the folder, and write nothing in it
    result = as_another_user("build", "--allow-outside", "-d", str(site), cwd=shared_project)
    assert result.returncode == 1
    assert shown_lines(result.stderr) == [
        f"Error: build failed, site/ left as it was: Permission denied: {site.parent} (writing the new site beside "
        "site/); this user may not use it: change its permissions (`ls -l` shows them), or run as a user who may"
    ]
    assert snapshot(site) == {"index.html": b"the old site"}


def test_a_killed_zensical_server_ends_the_preview_in_one_line(sample_project: Path) -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--engine", "zensical", "-a", f"127.0.0.1:{free_port()}"],
        cwd=sample_project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        engine = _child_of(server.pid, "zensical")
        os.kill(engine, signal.SIGKILL)
        _, stderr = server.communicate(timeout=30)
    finally:
        server.kill()
    assert server.returncode == 1
    assert stderr.splitlines()[-1] == (
        "Error: Zensical's server was stopped by SIGKILL; run `briefing serve --engine zensical` again"
    )
    assert "Traceback" not in stderr


def _child_of(parent: int, name: str, timeout: float = 30) -> int:
    """The process id of `parent`'s child whose command line names `name`, once it has started."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        for child in map(int, children):
            if name in Path(f"/proc/{child}/cmdline").read_bytes().decode(errors="replace"):
                return child
        time.sleep(0.1)
    raise AssertionError(f"no {name} process started under {parent}")
