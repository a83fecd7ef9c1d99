"""After every language is built: the site-wide steps, in one visible order, and ONE pass over
the built pages for everything that edits them.

  1. one search index per language, with search words (scripts/postbuild/languages.py, search_terms.py)
  2. a 404 page per language
  3. Material's bundle, search worker and stylesheet patched; unused assets and source maps removed
     (scripts/postbuild/material_patches.py)
  4. unused CSS pruned — reads the pages once as evidence (scripts/postbuild/css_prune.py)
  5. stylesheets and our scripts joined      (scripts/postbuild/asset_bundle.py)
  6. edited long-cached assets renamed after their content (scripts/postbuild/fingerprint.py)
  7. one pass over every page: bundle links, renamed references, Material's bundle left to load on
     demand, Content-Security-Policy (scripts/postbuild/csp.py); then site/_headers from the pages'
     script hashes

Steps 1–6 touch assets; only step 7 rewrites pages, each read and written once.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from scripts.postbuild import asset_bundle
from scripts.postbuild import csp
from scripts.postbuild import css_prune
from scripts.postbuild import fingerprint
from scripts.postbuild import languages
from scripts.content import search_terms
from scripts.postbuild.material_patches import (patch_bundle, patch_stylesheet, patch_worker, strip_source_map_comment,
                                               unused_assets)
from scripts.content.source_text import read_text


@dataclass
class Finished:
    """What the passes did, for the build log and the benchmark."""

    pages: int = 0
    renamed: dict[str, str] = field(default_factory=dict)
    prune: str = ""
    hashes: list[str] = field(default_factory=list)


def rewrite_pages(site: Path, rewrites: Iterable[Callable[[str], str]]) -> tuple[int, set[str]]:
    """Apply every rewrite to every page in one pass; (pages, the script hashes the pages' own
    policies allow: what csp.apply computed, read back rather than computed twice).
    A rewrite that raises csp.PolicyError is reported with the page's path."""
    rewrites = list(rewrites)
    hashes: set[str] = set()
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        html = original = page.read_text("utf-8")
        try:
            for rewrite in rewrites:
                html = rewrite(html)
        except csp.PolicyError as error:
            raise csp.PolicyError(f"{page.relative_to(site)}: {error}") from None
        if html != original:
            page.write_text(html, "utf-8")
        hashes |= csp.declared_hashes(html)
    return len(pages), hashes


def split_search_index(site: Path, langs: list[str], default: str, docs_dir: Path) -> None:
    """One index per language, with the glossary's and pages' search words (scripts/content/search_terms.py)."""
    index_file = site / "search" / "search_index.json"
    if not index_file.exists():
        return
    for lang, index in languages.split_search_index(json.loads(index_file.read_text("utf-8")), langs, default).items():
        lang_dir = docs_dir / lang
        pages = {p.relative_to(lang_dir).as_posix(): read_text(p) for p in sorted(lang_dir.rglob("*.md"))}
        index = search_terms.shape_index(index, pages)
        target = site / ("" if lang == default else lang) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")


def write_not_found_pages(site: Path, pages: dict[str, str], default: str) -> None:
    for lang, html in pages.items():
        target = site / ("" if lang == default else lang) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, "utf-8")


def patch_assets(site: Path, langs: list[str]) -> None:
    for pattern, patch in (("javascripts/bundle.*.min.js", patch_bundle), ("javascripts/workers/search.*.min.js", patch_worker),
                           ("stylesheets/main.*.min.css", patch_stylesheet)):
        for asset in (site / "assets").glob(pattern):
            asset.write_text(patch(asset.read_text("utf-8")), "utf-8")
    # Not deployed: source maps and the lunr languages no index uses.
    for path in unused_assets(site, langs):
        path.unlink()
    for path in [*(site / "assets").rglob("*.js"), *(site / "assets").rglob("*.css")]:
        text = path.read_text("utf-8")
        stripped = strip_source_map_comment(text)
        if stripped != text:
            path.write_text(stripped, "utf-8")


def finish_site(site: Path, langs: list[str], default: str, not_found_pages: dict[str, str], docs_dir: Path,
                with_policy: bool = True) -> Finished:
    """Steps 1–7 above. `with_policy=False` (mkdocs serve: live reload injects an inline script
    per request, no hash can allow it) leaves out the CSP and _headers."""
    done = Finished()
    split_search_index(site, langs, default, docs_dir)
    write_not_found_pages(site, not_found_pages, default)
    patch_assets(site, langs)
    done.prune = css_prune.summary(css_prune.prune_site(site))
    rewrites = asset_bundle.make_bundles(site)
    done.renamed = fingerprint.rename_assets(site)
    rewrites.append(fingerprint.reference_rewrite(done.renamed))
    rewrites.append(asset_bundle.material_on_demand)
    if with_policy:
        rewrites.append(csp.apply)
    done.pages, hashes = rewrite_pages(site, rewrites)
    if with_policy:
        done.hashes = sorted(hashes)
        (site / "_headers").write_text(csp.render_headers_file(done.hashes), "utf-8")
    return done
