"""Sizes of the built HTML: entity pages (every kind but sources), sources, the largest page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.content.kinds import KINDS, SOURCES

ENTITY_KINDS = tuple(kind.name for kind in KINDS if kind is not SOURCES)
KB = 1000
"""1 KB = 1,000 bytes: the stricter reading of the 25 KB target."""


@dataclass(frozen=True)
class HtmlSizes:
    entity_pages: int
    entity_avg_kb: float
    entity_max_kb: float
    entity_max_page: str
    source_avg_kb: float
    source_max_kb: float
    largest_kb: float
    largest_page: str
    html_pages: int
    html_total_mb: float


def measure_html(site: Path, content: Path) -> HtmlSizes:
    """Entity pages are the pages of the N entities' YAML files; sources are reported apart."""
    entity = _sizes(site, content, ENTITY_KINDS)
    sources = _sizes(site, content, ("sources",))
    every = {str(path.relative_to(site)): path.stat().st_size for path in site.rglob("*.html")}
    largest = max(every, key=every.__getitem__)
    biggest = max(entity, key=entity.__getitem__)
    return HtmlSizes(
        entity_pages=len(entity),
        entity_avg_kb=sum(entity.values()) / len(entity) / KB,
        entity_max_kb=entity[biggest] / KB,
        entity_max_page=biggest,
        source_avg_kb=sum(sources.values()) / max(1, len(sources)) / KB,
        source_max_kb=max(sources.values(), default=0) / KB,
        largest_kb=every[largest] / KB,
        largest_page=largest,
        html_pages=len(every),
        html_total_mb=sum(every.values()) / KB / KB,
    )


def _sizes(site: Path, content: Path, kinds: tuple[str, ...]) -> dict[str, int]:
    sizes = {}
    for kind in kinds:
        for yaml_file in sorted((content / kind).glob("*.yml")):
            page = site / kind / yaml_file.stem / "index.html"
            sizes[f"{kind}/{yaml_file.stem}/"] = page.stat().st_size
    return sizes
