"""What the figures were measured on."""

from __future__ import annotations

import os
import platform
from importlib.metadata import version
from pathlib import Path


def describe() -> str:
    memory_kib = _meminfo("MemTotal")
    cpu = _cpu_model()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory_kib / 1024 / 1024:.1f} GiB RAM, "
        f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, "
        f"mkdocs-material {version('mkdocs-material')}, Markdown {version('markdown')}, "
        f"pydantic {version('pydantic')}; load average at start {load}"
    )


def _meminfo(key: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    return 0


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()
