"""Seeds are the verbatim source documents: pinned byte for byte."""

from __future__ import annotations

import hashlib

from conftest import REPO

SEED_SHA256 = {
    # ../shared/seeds/000_7e98c93ae0dc1f4b.txt, copied unchanged.
    "2025-02-19-us-russia-talks-riyadh.txt": "fbf3d73701335bb3d642c811f02ba1d0aa972dce98775d213b347ea9c4eb3f4b",
}


def test_seeds_are_unchanged() -> None:
    found = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in (REPO / "seeds").iterdir()}
    assert found == SEED_SHA256
