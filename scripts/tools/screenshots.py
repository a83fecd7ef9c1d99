"""Phone screenshots of a built site, for review (issue 20): the home page's first screen, a long
page, and the header at 320 px and at 200 % text zoom, in both languages.

    python scripts/tools/screenshots.py SITE_DIR --label before   → artifacts/phone/before-*.png

Served on 127.0.0.1 like the browser tests; nothing leaves this machine. Text zoom is the
browser's own font-size setting doubled (zoom_text), the viewport kept.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: make `scripts.` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.tools.browser import served  # noqa: E402
from scripts.tools.site_build import ROOT  # noqa: E402

OUT = ROOT / "artifacts" / "phone"
# name, path, viewport width, height, text zoom, full page
SHOTS = [
    ("home-360", "/", 360, 640, 1, False),
    ("home-en-360", "/en/", 360, 640, 1, False),
    ("long-page-390", "/wat-kun-je-doen/", 390, 844, 1, False),
    ("long-page-en-390", "/en/wat-kun-je-doen/", 390, 844, 1, False),
    ("header-320", "/hulp-vinden/", 320, 640, 1, False),
    ("header-en-320", "/en/hulp-vinden/", 320, 640, 1, False),
    ("header-zoom200-360", "/hulp-vinden/", 360, 640, 2, False),
    ("header-en-zoom200-360", "/en/hulp-vinden/", 360, 640, 2, False),
    ("drawer-en-zoom200-360", "/en/hulp-vinden/", 360, 640, 2, False),
    ("folders-320", "/folders/", 320, 640, 1, True),
]

def zoom_text(page, factor: float) -> None:
    """Scale text as a reader's browser setting does: the default font size times `factor`
    (Chromium's font-size preference, set over CDP; 1 is Chromium's own 16 and 13 px). Material
    sizes everything in rem, and em media queries follow the setting too, exactly as on a
    reader's own browser."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": round(16 * factor), "fixed": round(13 * factor)}})
    finally:
        cdp.detach()
    if factor != 1:
        page.wait_for_timeout(100)


def take(site: Path, label: str, out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with served(site) as (browser, base):
        for name, path, width, height, factor, full in SHOTS:
            context = browser.new_context(viewport={"width": width, "height": height},
                                          device_scale_factor=1, is_mobile=True, has_touch=True)
            context.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
            page = context.new_page()
            page.goto(base + path, wait_until="load")
            zoom_text(page, factor)
            if name.startswith("drawer"):
                # dispatch, not click: before issue 20 another control covered the menu button at this zoom
                page.locator("button.njk-toggle[data-for='__drawer']").dispatch_event("click")
                page.wait_for_timeout(300)
            target = out / f"{label}-{name}.png"
            page.screenshot(path=str(target), full_page=full)
            written.append(target)
            context.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site (mkdocs build -d DIR)")
    parser.add_argument("--label", default="after", help="prefix of the file names (before/after)")
    args = parser.parse_args()
    for path in take(args.site, args.label):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
