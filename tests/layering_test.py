"""Checks that every #include in src/ respects the layers of docs/architecture.md.

Each folder of src/ is a layer and may include only the layers listed for it
below. Unit tests (*_test.cpp) may also include the in-memory store.
"""

import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

WEB_FEATURE = {"base", "core", "accounts", "comments", "http", "render", "web"}

ALLOWED = {
    "base": set(),
    "core": {"base"},
    "accounts": {"base"},
    "comments": {"base", "core", "accounts"},
    "newsroom": {"base", "core", "accounts"},
    "storage/sql": {"base"},
    "storage/memory": {"base", "core", "accounts", "comments", "newsroom", "webhooks"},
    "storage/sqlite": {"base", "core", "accounts", "comments", "newsroom", "webhooks", "storage/sql"},
    "http": {"base"},
    "cache": {"base", "http"},
    "render": {"base"},
    "web": {"base", "core", "accounts", "comments", "http", "render"},
    "webhooks": {"base", "core", "accounts", "comments", "web", "http"},
    "site": WEB_FEATURE,
    "feeds": WEB_FEATURE,
    "reader": WEB_FEATURE,
    "moderation": WEB_FEATURE,
    "live": WEB_FEATURE,
    "search": WEB_FEATURE,
    "api": WEB_FEATURE | {"newsroom"},
    "admin": WEB_FEATURE | {"newsroom", "webhooks"},
    "importer": {"base", "core"},
    "demo": {"base", "core", "accounts", "comments"},
    "app": {"base", "core", "accounts", "comments", "newsroom", "storage/sql", "storage/sqlite", "http", "render", "web", "site",
            "feeds", "reader", "moderation", "api", "admin", "importer", "demo", "webhooks",
            "live", "search", "cache"},
    "cli": {"base", "accounts", "app", "storage/sql", "importer", "demo", "webhooks"},
}


def layer_of(path):
    parts = Path(path).parts
    if parts and parts[0] == "storage" and len(parts) > 2:
        return f"storage/{parts[1]}"
    return parts[0] if parts else ""


def main():
    problems = []
    for file in sorted(SRC.rglob("*")):
        if file.suffix not in (".h", ".cpp"):
            continue
        rel = file.relative_to(SRC)
        layer = layer_of(rel)
        if layer not in ALLOWED:
            problems.append(f"{rel}: the folder {layer} is not a known layer (add it to tests/layering_test.py and docs)")
            continue
        allowed = ALLOWED[layer] | {layer}
        if file.name.endswith("_test.cpp"):
            allowed |= {"storage/memory"}
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if not m:
                continue
            target = layer_of(m.group(1))
            if target not in allowed:
                problems.append(f"src/{rel}:{number}: {layer} may not include {m.group(1)} ({target})")
    for p in problems:
        print(p)
    print(f"{len(problems)} layering problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
