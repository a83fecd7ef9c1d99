"""A parent's own Chromium for the tests that read what a visit leaves behind: a persistent
profile on disk (history, session, cache), the tab's Back/Forward list and the history database."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from scripts.tools.browser import ARGS, CHROMIUM

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True}


def launch_profile(chromium, profile: Path, *args, **options):
    """A persistent profile, as a parent's own browser: its history, session and cache on disk.
    `chromium` is the session browser's BrowserType (one Playwright per process); `options` are
    Playwright's context options (a phone's viewport and touch, no JavaScript…)."""
    return chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=[*ARGS, *args], **{**DESKTOP, **options})


def tab_history(context, page) -> list[tuple[str, str]]:
    """The tab's session history (Back/Forward) as the browser keeps it: (url, title) per entry."""
    history = context.new_cdp_session(page).send("Page.getNavigationHistory")
    return [(entry["url"], entry["title"]) for entry in history["entries"]]


def read_history_db(profile: Path) -> list[tuple[str, str, int]]:
    """Every address in the profile's history list: (url, title, visit count)."""
    copy = profile.parent / "History-copy"
    shutil.copyfile(profile / "Default" / "History", copy)
    with sqlite3.connect(copy) as db:
        return db.execute("SELECT url, title, visit_count FROM urls ORDER BY id").fetchall()
