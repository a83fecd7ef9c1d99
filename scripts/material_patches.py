"""Exact, checked edits to Material 9.8.2's JavaScript bundle.

Material fetches `sitemap.xml` beside every hreflang alternate page (to map the language
switcher) and beside the site root (for instant navigation, which we do not use). Beside an
alternate page that file does not exist: every page logged failed requests. The language
switcher already links to the translated page (static-i18n sets it per page), so both
fetches are dropped. The edits name the minified code exactly: a Material upgrade that
changes it fails the build here instead of silently shipping the old behaviour.
"""
from __future__ import annotations

PATCHES = (
    # The alternate-link sitemap lookup (function `ui`): removed.
    ("ui({document$:ct});", ""),
    # The root sitemap is only needed by navigation.instant: fetch it only then.
    ("qi=kt(Or.base);", 'qi=V("navigation.instant")?kt(Or.base):$(new Map);'),
)


class PatchError(Exception):
    pass


def patch_bundle(source: str) -> str:
    """Apply every patch once; raise PatchError naming the one whose code was not found."""
    for old, new in PATCHES:
        if source.count(old) != 1:
            if new and source.count(new) == 1:
                continue  # already applied (e.g. a second language build)
            if not new and source.count(old) == 0 and "function ui(" in source:
                continue
            raise PatchError(f"Material bundle patch not applicable (found {source.count(old)}×): {old!r}")
        source = source.replace(old, new)
    return source
