"""Read a page as a screen reader would: Chromium's accessibility tree in reading order, and the
tab stops a keyboard meets. Used by tests/browser/test_screen_reader.py and, as a script, to
print the figures of issue 22 (never passes or fails):

    python scripts/tools/screen_reader.py [SITE_DIR]      # default: builds into a temporary folder

Contexts use reduced motion (the site then has no transitions), so a focused element is
measured where it ends up, not halfway through Material's fade-in.

"Items" approximate a screen reader's browse-mode cursor (NVDA's arrow keys, VoiceOver's swipe):
one per control, heading or image with a name, and one per run of text outside those. A
control is read by its name, so its inner text is not counted again.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Read as one item by their name: the cursor does not walk into them.
WHOLE = {
    "link", "button", "heading", "textbox", "searchbox", "combobox", "checkbox", "radio", "switch",
    "slider", "spinbutton", "menuitem", "tab", "image", "img", "DisclosureTriangle", "option",
}
LANDMARKS = {"banner", "navigation", "main", "contentinfo", "search", "complementary", "region"}

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PAGES = ("/", "/signalen/", "/hulp-vinden/", "/en/", "/en/signalen/", "/en/hulp-vinden/")


@dataclass(frozen=True)
class Item:
    role: str
    name: str
    level: int | None = None
    within: tuple[str, ...] = ()  # the landmarks around it, outermost first: "navigation Navigatie"
    description: str = ""


def _value(node: dict, key: str):
    return (node.get(key) or {}).get("value")


def _props(node: dict) -> dict:
    return {p["name"]: (p.get("value") or {}).get("value") for p in node.get("properties", [])}


def reading_order(nodes: list[dict]) -> list[Item]:
    """The items of a CDP `Accessibility.getFullAXTree` answer, in the order a reader meets them."""
    by_id = {n["nodeId"]: n for n in nodes}
    items: list[Item] = []
    stack = [(nodes[0], ())] if nodes else []
    while stack:
        node, within = stack.pop()
        role, name = _value(node, "role") or "", (_value(node, "name") or "").strip()
        if not node.get("ignored"):
            if role in WHOLE:
                if name or role not in ("image", "img"):
                    items.append(Item(role, name, _props(node).get("level"), within,
                                      (_value(node, "description") or "").strip()))
                continue
            if role == "StaticText":
                if name:
                    items.append(Item(role, name, within=within))
                continue
            if role in LANDMARKS:
                within = (*within, f"{role} {name}".strip())
        stack.extend((by_id[c], within) for c in reversed(node.get("childIds", [])) if c in by_id)
    return items


def items_before_h1(items: list[Item]) -> int | None:
    """How many items a listener hears before the page's H1 (None: no H1 at all)."""
    return next((i for i, item in enumerate(items) if item.role == "heading" and item.level == 1), None)


def landmarks(nodes: list[dict]) -> list[dict]:
    """Each landmark that is not ignored: its role, name and the links/buttons inside it."""
    by_id = {n["nodeId"]: n for n in nodes}

    def controls(node: dict) -> list[str]:
        found, stack = [], list(node.get("childIds", []))
        while stack:
            child = by_id.get(stack.pop())
            if child is None:
                continue
            if not child.get("ignored") and _value(child, "role") in ("link", "button", "textbox", "searchbox"):
                found.append((_value(child, "name") or "").strip())
            stack.extend(child.get("childIds", []))
        return found

    return [{"role": _value(n, "role"), "name": (_value(n, "name") or "").strip(), "controls": controls(n)}
            for n in nodes if not n.get("ignored") and _value(n, "role") in LANDMARKS]


# --- in the browser -----------------------------------------------------------------------------

def ax_nodes(page) -> list[dict]:
    cdp = page.context.new_cdp_session(page)
    try:
        return cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()


def ax_node(page, expression: str) -> dict:
    """The accessibility node of the element a JS expression returns: role, name, ignored, live."""
    cdp = page.context.new_cdp_session(page)
    try:
        handle = cdp.send("Runtime.evaluate", {"expression": expression})["result"]["objectId"]
        node = cdp.send("Accessibility.getPartialAXTree", {"objectId": handle, "fetchRelatives": False})["nodes"][0]
    finally:
        cdp.detach()
    return {"role": _value(node, "role"), "name": (_value(node, "name") or "").strip(),
            "ignored": bool(node.get("ignored")), "live": _props(node).get("live")}


# Whether the focused element can be seen: inside the viewport, not transparent or hidden.
FOCUS_BOX = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const r = el.getBoundingClientRect();
  const inView = r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0
    && r.left < innerWidth && r.top < innerHeight;
  return {visible: inView && el.checkVisibility({opacityProperty: true, visibilityProperty: true}),
          html: el.outerHTML.slice(0, 80)};
}"""


def tab_stops(page, count: int) -> list[dict]:
    """The first `count` tab stops from the top of the page: role, accessible name, visible."""
    stops = []
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(count):
        page.keyboard.press("Tab")
        box = page.evaluate(FOCUS_BOX)
        if box is None:
            break
        node = ax_node(page, "document.activeElement")
        stops.append({"role": node["role"], "name": node["name"], **box})
    return stops


def measure(site: Path, pages=PAGES, tabs: int = 10) -> list[dict]:
    from scripts.tools.browser import served

    rows = []
    with served(site) as (chromium, base):
        for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            context = chromium.new_context(viewport=viewport, reduced_motion="reduce")
            page = context.new_page()
            for path in pages:
                page.goto(base + path, wait_until="load")
                items = reading_order(ax_nodes(page))
                navs = [m for m in landmarks(ax_nodes(page)) if m["role"] == "navigation"]
                rows.append({"page": path, "width": label, "before_h1": items_before_h1(items),
                             "items": len(items), "navigation": len(navs),
                             "stops": tab_stops(page, tabs)})
            context.close()
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--tabs", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            from scripts.tools.site_build import build

            site = Path(tmp) / "site"
            result = build(site)
            if result.returncode:
                print(result.stderr, file=sys.stderr)
                return 1
        for row in measure(site, tabs=args.tabs):
            print(f"{row['page']:20} {row['width']:7} items before H1: {row['before_h1']!s:>4} "
                  f"(of {row['items']}), navigation landmarks: {row['navigation']}")
            for i, stop in enumerate(row["stops"], 1):
                seen = "" if stop["visible"] else "  [NOT VISIBLE]"
                print(f"    {i:2}. {stop['role']} “{stop['name']}”{seen}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
