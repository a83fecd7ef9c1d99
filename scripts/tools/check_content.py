"""Every content check, without MkDocs or a browser: the same checks the build runs first.

    python scripts/tools/check_content.py

Pages, leaflets, data files, abbreviations, the link register, translations and plain language,
each problem as `path:line: reason`, sorted. Exit 0 when all is well, 1 when something must be
fixed. `make check` runs this and then a real build.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Sequence

if __package__ in (None, ""):  # run as `python scripts/tools/check_content.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.content import pipeline  # noqa: E402
from scripts.content.errors import ContentErrors  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Controleer alle inhoud (pagina's, folders, data, links, vertalingen).")
    parser.add_argument("--root", type=Path, default=pipeline.ROOT, help="de projectmap (standaard deze)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        ctx = pipeline.load_context(args.root.resolve())
        errors = pipeline.check_project(ctx)
    except ContentErrors as problems:
        errors = problems.errors
    for error in errors:
        print(error)
    pages, leaflet_files = pipeline.project_files(args.root.resolve())
    took = time.perf_counter() - started
    if errors:
        files = len({e.path for e in errors})
        print(f"\n{len(errors)} problemen in {files} bestanden ({took:.1f} s).", file=sys.stderr)
        return 1
    print(f"{len(pages)} pagina's, {len(leaflet_files)} folders, data, links en vertalingen in orde ({took:.1f} s).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
