"""Name every long-cached asset after its content, so a year of `immutable` caching is safe.

Material names its stylesheets and scripts with a hash (`main.57a0d79d.min.css`), and the
deploy headers cache exactly those for a year. But our build edits some of them in place
(scripts/postbuild/css_prune.py prunes the stylesheets by what the site uses, scripts/postbuild/material_patches.py
patches the bundle): same name, new content, and a returning reader would keep the old file.
So, as the last step of a build, each such file whose content no longer matches its name gets
the first 8 hex digits of its sha256 instead, and every page's reference follows.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

# The files the deploy headers cache for a year (see HASHED_ASSET_PATTERNS in scripts/postbuild/csp.py).
PATTERNS = (
    "assets/stylesheets/*.min.css",
    "assets/javascripts/bundle.*.min.js",
    "assets/javascripts/workers/search.*.min.js",
    "assets/site.*.min.css",  # already content-named by scripts/postbuild/asset_bundle.py: left as they are
    "assets/site.*.min.js",
)
NAME = re.compile(r"^(?P<stem>[\w-]+)\.(?P<hash>[0-9a-f]{8})\.min\.(?P<ext>css|js)$")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def fingerprinted_name(name: str, data: bytes) -> str:
    """`main.57a0d79d.min.css` → `main.<sha256[:8] of data>.min.css` (unchanged if it matches)."""
    match = NAME.match(name)
    if not match:
        raise ValueError(f"not a hashed asset name: {name}")
    return f"{match['stem']}.{content_hash(data)}.min.{match['ext']}"


def long_cached(site: Path) -> list[Path]:
    return sorted(path for pattern in PATTERNS for path in site.glob(pattern) if NAME.match(path.name))


def rename_assets(site: Path) -> dict[str, str]:
    """Rename each stale-named asset after its content; returns {old name: new name}.

    Idempotent: a second run finds every name matching its content and changes nothing."""
    renames: dict[str, str] = {}
    for path in long_cached(site):
        new_name = fingerprinted_name(path.name, path.read_bytes())
        if new_name != path.name:
            path.rename(path.with_name(new_name))
            renames[path.name] = new_name
    return renames


def reference_rewrite(renames: dict[str, str]):
    """A page rewrite that makes every reference follow the renames (one regex pass)."""
    if not renames:
        return lambda html: html
    old_names = re.compile("|".join(re.escape(old) for old in sorted(renames, key=len, reverse=True)))
    return lambda html: old_names.sub(lambda m: renames[m.group(0)], html)
