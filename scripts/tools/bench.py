"""Benchmark: prints figures, never passes or fails (speed goals are read, not asserted).

    python scripts/tools/bench.py [--runs 3] [--skip-lighthouse] [--skip-scale | --scale-only]

Prints: build wall time (median of --runs), pages per language, first-visit bytes per page
type (raw and gzipped, measured in Chromium against a gzip-serving local host), quote
verification and leaflet time where those features exist, search index size per language
(raw and gzipped), Lighthouse 12 (mobile, median of
--runs) when node_modules has it (`make bench` installs it), and build time at 1× and at a
synthetic 10× handbook.

Scaling compares like with like. The 1× handbook and the 10× one (every page copied nine
times, all in one extra nav section; the two overview pages, Bronverantwoording and Stemmen van
ouders, stay one each and list ten times as much) are each a fresh copy of the project with its PDF caches
(.cache/: leaflets, the whole-handbook PDF, the training kit) emptied, built twice:
  cold  the first build: every PDF rendered (the 10× handbook PDF has other pages, so its
        cache key differs anyway; a cold 1× is what a fresh checkout pays);
  warm  the second build of the same copy: PDFs served from the cache its first build filled,
        which is what a writer pays after an edit.
Each is printed as wall time and as the CPU time of the build process (user + system), since
wall time on a shared machine also counts other people's work; the ratio 10×/1× of both.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts.tools import browser  # noqa: E402
from scripts.tools import static_server  # noqa: E402
from scripts.tools.site_build import build, copy_project  # noqa: E402

PAGE_TYPES = {
    "home (nl)": "/",
    "content: Signalen (nl)": "/signalen/",
    "Hulp vinden (nl)": "/hulp-vinden/",
    "content: Signs (en)": "/en/signalen/",
    # Lighthouse will not audit a document answered with status 404, so the 404 page is
    # requested by its own name (same bytes; the host answers unknown paths with it).
    "404 (nl)": "/404.html",
}
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# Lighthouse splits --chrome-flags on spaces: the host-resolver rule (which has spaces) stays out;
# it audits 127.0.0.1 pages that request nothing else (tests/browser/ prove that).
LIGHTHOUSE_ARGS = [arg for arg in browser.ARGS if " " not in arg]


def timed_build(site: Path, config: Path | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build process) of one build into `site`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = build(site, config_file=config)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout}{result.stderr}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_build(runs: int, config: Path | None = None) -> tuple[float, Path]:
    times, site = [], None
    for _ in range(runs):
        site = Path(tempfile.mkdtemp(prefix="bench-site-"))
        times.append(timed_build(site, config)[0])
    return statistics.median(times), site


def count_pages(site: Path) -> dict[str, int]:
    pages = [p for p in site.rglob("index.html")]
    english = sum(1 for p in pages if p.relative_to(site).parts[0] == "en")
    return {"nl": len(pages) - english, "en": english}


def served_file(site: Path, path: str) -> Path:
    """The file the static host answers a URL path with (directory → index.html, else 404)."""
    target = site / path.split("?")[0].lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    if target.is_file():
        return target
    lang_404 = site / path.strip("/").split("/")[0] / "404.html"
    return lang_404 if lang_404.is_file() else site / "404.html"


def first_visit_weights(site: Path) -> dict[str, dict]:
    """Load each page type in a fresh browser context and list every URL it fetched (the page's
    own requests and its workers'); sizes come from the served files, gzipped as the host does."""
    import gzip

    from playwright.sync_api import sync_playwright

    server = static_server.start(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = {}
    try:
        with sync_playwright() as p:
            chrome = browser.launch(p)
            for name, path in PAGE_TYPES.items():
                context = chrome.new_context(viewport={"width": 360, "height": 800})
                urls: list[tuple[str, str]] = []
                context.on("request", lambda request, urls=urls: urls.append((request.resource_type, request.url)))
                page = context.new_page()
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(500)  # late starters (workers, idle callbacks)
                rows = []
                for kind, url in dict.fromkeys(urls):
                    if not url.startswith(base):
                        continue
                    body = served_file(site, url[len(base):]).read_bytes()
                    gz = len(gzip.compress(body, 6)) if Path(url).suffix in static_server.COMPRESSIBLE or url.endswith("/") else len(body)
                    rows.append((kind, url[len(base):], len(body), gz))
                results[name] = {
                    "raw": sum(r[2] for r in rows),
                    "gzip": sum(r[3] for r in rows),
                    "requests": len(rows),
                    "by_type": _by_type(rows),
                }
                context.close()
            chrome.close()
    finally:
        server.shutdown()
    return results


def search_index_sizes(site: Path) -> dict[str, tuple[int, int]]:
    """Bytes of each language's search index, raw and gzipped (-9, as a host would serve it).
    Only fetched when a reader starts searching, so it is not part of the first visit."""
    import gzip

    sizes = {}
    for index in sorted(site.glob("**/search/search_index.json")):
        lang = index.parent.parent.relative_to(site).as_posix().strip(".") or "nl"
        data = index.read_bytes()
        sizes[lang] = (len(data), len(gzip.compress(data, 9)))
    return sizes


def _by_type(rows) -> dict[str, int]:
    out: dict[str, int] = {}
    for kind, _, _, gz in rows:
        out[kind] = out.get(kind, 0) + gz
    return out


def optional_timings() -> dict[str, float]:
    """Feature timings other modules expose (quotes, leaflets); absent features are skipped."""
    figures = {}
    try:
        from scripts.tools.check_quotes import time_all_quotes

        figures["quote verification, whole site (s)"] = time_all_quotes()
    except ImportError:
        pass
    try:
        from scripts.content.leaflets import time_all_leaflets

        figures["all leaflets (s)"] = time_all_leaflets()
    except ImportError:
        pass
    return figures


def lighthouse(site: Path, runs: int) -> dict[str, dict]:
    server = static_server.start(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out = {}
    try:
        for name, path in PAGE_TYPES.items():
            reports = []
            for _ in range(runs):
                with tempfile.TemporaryDirectory() as tmp:
                    report = Path(tmp) / "report.json"
                    run = subprocess.run(
                        [str(LIGHTHOUSE), base + path, "--output=json", f"--output-path={report}", "--quiet",
                         "--form-factor=mobile", "--only-categories=performance,accessibility,best-practices,seo",
                         "--chrome-flags=" + " ".join(["--headless=new", *LIGHTHOUSE_ARGS])],
                        env={**__import__("os").environ, "CHROME_PATH": browser.CHROMIUM},
                        capture_output=True, text=True, timeout=180,
                    )
                    if run.returncode != 0 or not report.exists():
                        print(f"  Lighthouse failed on {path}: {run.stderr.strip().splitlines()[-1:] or run.returncode}")
                        continue
                    reports.append(json.loads(report.read_text("utf-8")))
            if reports:
                out[name] = _lighthouse_medians(reports)
    finally:
        server.shutdown()
    return out


def _lighthouse_medians(reports: list[dict]) -> dict:
    def med(get):
        return statistics.median(get(r) for r in reports)

    cats = ("performance", "accessibility", "best-practices", "seo")
    audits = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
              "CLS": "cumulative-layout-shift", "bytes": "total-byte-weight"}
    row = {c: round(med(lambda r, c=c: (r["categories"][c]["score"] or 0) * 100)) for c in cats}
    row.update({k: med(lambda r, a=a: r["audits"][a]["numericValue"]) for k, a in audits.items()})
    return row


# Pages that are a view over every other page (all source lines, all parents' quotes): a bigger
# handbook still has one of each, which grows with the handbook. Copying them too would make the
# copy's output grow with the square of its size, which no real handbook does.
OVERVIEWS = ("{{ bronverantwoording }}", "{{ stemmen }}")


def scaled_copy(factor: int) -> Path:
    """The handbook `factor` times over: every page copied (with its quotes), all in the nav,
    except the overview pages (OVERVIEWS), which then list `factor` times as much; a fresh copy
    of the project with empty PDF caches. Returns its mkdocs.yml."""
    import yaml

    project = copy_project(Path(tempfile.mkdtemp(prefix=f"bench-{factor}x-")))
    shutil.rmtree(project / ".cache", ignore_errors=True)
    config_file = project / "mkdocs.yml"
    text = config_file.read_text("utf-8")
    extra_nav = []
    for page in sorted((project / "docs" / "nl").rglob("*.md")):
        rel = page.relative_to(project / "docs" / "nl")
        if any(overview in page.read_text("utf-8") for overview in OVERVIEWS):
            continue
        for n in range(2, factor + 1):
            copy_name = rel.with_name(f"{rel.stem}-kopie{n}.md")
            for lang in ("nl", "en"):
                source = project / "docs" / lang / rel
                if source.exists():
                    (project / "docs" / lang / copy_name).write_text(source.read_text("utf-8"), "utf-8")
            extra_nav.append({f"Kopie {n}: {rel.as_posix()}": copy_name.as_posix()})
    nav_yaml = yaml.safe_dump([{"Synthetische kopieën": extra_nav}], allow_unicode=True, sort_keys=False)
    config_file.write_text(text.rstrip() + "\n" + "\n".join("  " + l if l else l for l in nav_yaml.splitlines()) + "\n", "utf-8")
    return config_file


def scaling(copies: dict[str, Path]) -> dict[str, dict[str, tuple[float, float]]]:
    """{"cold"|"warm": {label: (wall s, CPU s)}} for each fresh copy (label → its mkdocs.yml,
    from scaled_copy): see the module docstring."""
    figures: dict[str, dict[str, tuple[float, float]]] = {"cold": {}, "warm": {}}
    for label, config in copies.items():
        site = Path(tempfile.mkdtemp(prefix="bench-site-"))
        for state in ("cold", "warm"):
            figures[state][label] = timed_build(site, config)
        shutil.rmtree(site, ignore_errors=True)
    return figures


def check_times(root: Path) -> dict[str, float]:
    """Seconds per content check of the pipeline over every page and leaflet of a project
    (data and the report loaded beforehand), and for the whole project check."""
    from scripts.content import pipeline

    ctx = pipeline.load_context(root)
    pages, leaflet_files = pipeline.project_files(root)
    sources = [pipeline.source_file(f, kind, root) for kind, files in (("page", pages), ("leaflet", leaflet_files)) for f in files]
    times = {}
    for check in pipeline.CHECKS:
        start = time.perf_counter()
        for src in sources:
            check(src, ctx)
        times[check.__name__.removeprefix("check_")] = time.perf_counter() - start
    start = time.perf_counter()
    pipeline.check_project(pipeline.load_context(root))
    times["whole project"] = time.perf_counter() - start
    return times


def big_page_times(sizes_mb=(1, 2)) -> dict[str, float]:
    """Seconds to check and render one page of 1 and 2 MB (the Signalen page repeated, its
    headings numbered so anchors stay unique): page work must grow linearly with its size."""
    from scripts.content import pipeline
    from scripts.content import quotes
    from scripts.content.source_text import read_text

    ctx = pipeline.load_context()
    page = read_text(ROOT / "docs" / "nl" / "signalen.md")
    title, body = page.split("\n", 1)
    out = {}
    for mb in sizes_mb:
        copies = max(1, int(mb * 1024 * 1024 / len(page.encode("utf-8"))))
        text = title + "\n" + "\n".join(body.replace("\n## ", f"\n## {n} ") for n in range(copies))
        start = time.perf_counter()
        pipeline.check_text(text, "docs/nl/groot.md", ctx)
        placeholders: dict[str, str] = {}
        markdown = pipeline.render(pipeline.Source("docs/nl/groot.md", "nl", text), ctx,
                                   pipeline.PageLinks("over/", "bronverantwoording.md"), placeholders=placeholders)
        quotes.fill_placeholders(markdown, placeholders)
        out[f"{len(text.encode('utf-8')) / 1024 / 1024:.1f} MB page"] = time.perf_counter() - start
    return out


def site_figures(args) -> None:
    build_time, site = median_build(args.runs)
    print(f"build wall time, median of {args.runs}: {build_time:.2f} s")
    print("pages per language: " + ", ".join(f"{k} {v}" for k, v in count_pages(site).items()))
    for name, value in optional_timings().items():
        print(f"{name}: {value:.3f}")

    print("\nfirst visit (fresh cache, 360×800, gzip host): bytes raw / gzipped, requests")
    for name, w in first_visit_weights(site).items():
        kinds = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(w["by_type"].items()))
        print(f"  {name:28} {w['raw'] / 1024:7.1f} KB / {w['gzip'] / 1024:6.1f} KB gz, {w['requests']:2} req  ({kinds} KB gz)")

    print("\nsearch index (loaded when search is first used): bytes raw / gzipped")
    for lang, (raw, gz) in search_index_sizes(site).items():
        print(f"  {lang:4} {raw / 1024:7.1f} KB / {gz / 1024:6.1f} KB gz")

    if not args.skip_lighthouse:
        if LIGHTHOUSE.exists():
            print(f"\nLighthouse 12 (mobile), median of {args.runs}:")
            print(f"  {'page':28} perf a11y  bp seo    FCP ms   LCP ms  TBT ms    CLS   bytes")
            for name, r in lighthouse(site, args.runs).items():
                print(f"  {name:28} {r['performance']:4} {r['accessibility']:4} {r['best-practices']:3} {r['seo']:3}"
                      f" {r['FCP']:9.0f} {r['LCP']:8.0f} {r['TBT']:7.0f} {r['CLS']:6.3f} {r['bytes']:7.0f}")
        else:
            print("\nLighthouse: not installed (run `make bench`, which runs `npm ci` first)")


def scale_figures() -> None:
    copies = {"1×": scaled_copy(1), "10×": scaled_copy(10)}
    try:
        print("\nscaling: build of a fresh copy, 1× and 10× (wall s / CPU s; ratio 10×/1×)")
        for state, row in scaling(copies).items():
            (one_wall, one_cpu), (ten_wall, ten_cpu) = row.values()
            print(f"  {state:5} 1× {one_wall:6.1f} / {one_cpu:6.1f} s, 10× {ten_wall:6.1f} / {ten_cpu:6.1f} s"
                  f"  (ratio wall {ten_wall / one_wall:.1f}, CPU {ten_cpu / one_cpu:.1f})")
        small, large = check_times(copies["1×"].parent), check_times(copies["10×"].parent)
        print("content checks (no MkDocs):")
        for name in small:
            print(f"  {name:14} 1× {small[name] * 1000:7.1f} ms, 10× {large[name] * 1000:7.1f} ms"
                  f" (ratio {large[name] / small[name]:.1f})")
    finally:
        for config in copies.values():
            shutil.rmtree(config.parent, ignore_errors=True)
    print("one big page, checked and rendered (no MkDocs):")
    for name, seconds in big_page_times().items():
        print(f"  {name:14} {seconds:7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-lighthouse", action="store_true")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--skip-scale", action="store_true")
    group.add_argument("--scale-only", action="store_true", help="only the 1×/10× builds and check times")
    args = parser.parse_args()
    if not args.scale_only:
        site_figures(args)
    if not args.skip_scale:
        scale_figures()


if __name__ == "__main__":
    main()
