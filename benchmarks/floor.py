"""The check's floor: `python -m benchmarks.floor PROJECT_ROOT`.

Times PyYAML's CSafeLoader composing the node tree of every YAML file under
content/ (libyaml parses, the binding builds a node with its two position marks
for every value), after reading them all into memory. No check can do less:
each message names a file's line and column. Prints one JSON object with the
wall and CPU seconds of the composing alone and the number of files.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import yaml


def compose_floor(content: Path) -> dict[str, float]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(content.rglob("*.yml"))]
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    return {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "files": len(texts)}


if __name__ == "__main__":
    print(json.dumps(compose_floor(Path(sys.argv[1]) / "content")))
