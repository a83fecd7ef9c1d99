"""Check every quote in the handbook against the report: `python scripts/tools/check_quotes.py [--source FILE] [PATH ...]`.

PATHs are Markdown files or folders (default: docs/). Exit 0 when every quote holds, 1 when any
fails, 2 on a usage or file error. Prints `path:line: reason` per problem and a one-line summary.
`--timing` prints how long verifying every quote takes (the report parsed beforehand, once).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `scripts` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.content import quotes  # noqa: E402
from scripts.content.errors import ContentError  # noqa: E402
from scripts.content.source_text import display_path, read_text  # noqa: E402
from scripts.content.report_text import DEFAULT_SOURCE, ROOT, load_report  # noqa: E402


def markdown_files(paths: list[Path]) -> list[Path]:
    """The Markdown files named or inside the folders named, in a stable order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(path.rglob("*.md"))
        elif path.is_file():
            out.append(path)
        else:
            raise FileNotFoundError(f"{path}: bestaat niet")
    return out


def check_files(files: list[Path], source: Path | None = None):
    """(errors, counts) for the files: counts of blockquotes, parent/report/external quotes."""
    errors, counts = [], {"ouder": 0, "rapport": 0, "andere bron": 0, "fout": 0}
    for path in files:
        shown = display_path(path, ROOT)
        try:
            text = read_text(path, shown)
        except ContentError as error:
            errors.append(error)
            counts["fout"] += 1
            continue
        for _, result in quotes.check_blocks(text, shown, source=source):
            if result.quote:
                counts[{"parent": "ouder", "report": "rapport", "external": "andere bron"}[result.quote.kind]] += 1
            errors += result.errors
            counts["fout"] += bool(result.errors)
    return errors, counts


def time_all_quotes(paths: list[Path] | None = None, source: Path | None = None) -> float:
    """Seconds to verify every quote of the site (docs/), the report already parsed."""
    files = markdown_files(paths or [ROOT / "docs"])
    texts = [(display_path(p, ROOT), read_text(p)) for p in files]
    quotes.index_for(source)  # parsing the report is a once-per-build cost, timed apart
    start = time.perf_counter()
    for name, text in texts:
        quotes.check_blocks(text, name, source=source)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Controleer citaten tegen het rapport 'Ouders aan het woord'.")
    parser.add_argument("--source", type=Path, default=None, help=f"bronrapport (standaard {DEFAULT_SOURCE.relative_to(ROOT)})")
    parser.add_argument("--timing", action="store_true", help="druk af hoe lang het controleren van alle citaten duurt")
    parser.add_argument("paths", nargs="*", type=Path, help="Markdown-bestanden of mappen (standaard docs/)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 2 if exit_.code else 0
    paths = args.paths or [ROOT / "docs"]
    try:
        if args.source and not args.source.is_file():
            raise FileNotFoundError(f"{args.source}: bronrapport bestaat niet")
        files = markdown_files(paths)
        parse_start = time.perf_counter()
        load_report(args.source)
        parse_time = time.perf_counter() - parse_start
        errors, counts = check_files(files, args.source)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        print(f"check_quotes: {error}", file=sys.stderr)
        return 2
    for error in errors:
        print(error)
    total = counts["ouder"] + counts["rapport"] + counts["andere bron"] + counts["fout"]
    print(f"{total} citaten in {len(files)} bestanden: {counts['ouder']} van ouders, {counts['rapport']} uit de "
          f"rapporttekst, {counts['andere bron']} uit andere bronnen, {counts['fout']} fout")
    if args.timing:
        seconds = time_all_quotes(paths, args.source)
        print(f"tijd: rapport inlezen {parse_time * 1000:.0f} ms; alle {total} citaten controleren {seconds * 1000:.0f} ms")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
