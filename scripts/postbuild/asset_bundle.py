"""One stylesheet and one script of our own per page, with a content hash in the name.

Every separate stylesheet is a render-blocking request; on a slow phone each one delays the
first paint. After the build, Material's CSS and ours are joined (in page order) into
`assets/site.<hash>.min.css`, and our scripts into `assets/site.<hash>.min.js` (Material's
bundle stays its own file). The hash makes the files safe to cache for a year.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Callable

from scripts.postbuild.fingerprint import content_hash

STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">\n?\s*')
MATERIAL_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
SCRIPT = re.compile(r'<script src="([^"]+)"></script>\n?\s*')


def hashed_name(stem: str, suffix: str, content: bytes) -> str:
    return f"{stem}.{content_hash(content)}.min{suffix}"


def page_prefix(href: str, asset: str) -> str:
    """`../assets/site.css` with asset `assets/site.css` → `../` (or `/` on 404 pages)."""
    if not href.endswith(asset):
        raise ValueError(f"{href} does not end with {asset}")
    return href[: -len(asset)]


def asset_path(href: str) -> str | None:
    """The site-relative path of a local asset link (`assets/…`), or None for anything else."""
    match = re.search(r"(?:^|/)(assets/[^?#]+)$", href)
    return match.group(1) if match and "://" not in href else None


def join(site: Path, assets: list[str]) -> bytes:
    return b"\n".join((site / a).read_bytes().rstrip() for a in assets) + b"\n"


def rewrite(html: str, pattern: re.Pattern, assets: list[str], bundle: str, tag: str) -> str:
    """Replace the links to `assets` (all present, in order) with one link to `bundle`."""
    found = [(m, asset_path(m.group(1))) for m in pattern.finditer(html)]
    found = [(m, a) for m, a in found if a in assets]
    if [a for _, a in found] != assets:
        return html  # a page that does not use exactly these assets is left as it is
    prefix = page_prefix(found[0][0].group(1), found[0][1])
    first = found[0][0]
    out = html[: first.start()] + tag.format(prefix + bundle)
    last = first.end()
    for match, _ in found[1:]:
        out += html[last: match.start()]
        last = match.end()
    return out + html[last:]


def page_assets(html: str, pattern: re.Pattern, keep: tuple[str, ...] = ()) -> list[str]:
    """The local assets a page links with `pattern`, in order, minus those in `keep`."""
    return [a for a in (asset_path(m.group(1)) for m in pattern.finditer(html)) if a and not a.startswith(keep)]


def make_bundles(site: Path) -> list[Callable[[str], str]]:
    """Write the joined stylesheet and script; return one page rewrite per bundle (applied to
    every page in the one pass of scripts/postbuild/site_passes.py)."""
    sample = (site / "index.html").read_text("utf-8")
    rewrites = []
    for pattern, suffix, keep, tag in (
        (STYLESHEET, ".css", (), '<link rel="stylesheet" href="{}">\n    '),
        (SCRIPT, ".js", ("assets/javascripts/",), '<script src="{}"></script>\n    '),
    ):
        assets = page_assets(sample, pattern, keep)
        if len(assets) < 2:
            continue
        content = join(site, assets)
        name = "assets/" + hashed_name("site", suffix, content)
        (site / name).write_bytes(content)
        rewrites.append(functools.partial(rewrite, pattern=pattern, assets=assets, bundle=name, tag=tag))
    return rewrites


def material_on_demand(html: str) -> str:
    """Material's bundle tag made inert: docs/assets/material-on-demand.js loads it at the reader's
    first interaction (issue 31). A `text/plain` script is neither fetched nor run."""
    return MATERIAL_BUNDLE.sub(r'<script type="text/plain" data-njk-material="\1"></script>', html, count=1)
