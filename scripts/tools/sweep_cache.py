"""Pages that passed an every-page browser sweep (axe, the keyboard walk), remembered so the next
`make test` checks again only the pages whose outcome could have changed.

A page's outcome depends on what the browser loaded for it and on how it was checked. So a pass
is stored with the list of files the page loaded (its HTML, CSS, scripts, images: the page's own
resource timing entries, which also list files served from the browser's cache) and a digest of
their bytes, under a key for the check itself: the test code, the browser, Playwright, the fonts, axe.
A pass is reused only while every one of those files still has the same bytes. A failure is
never stored, so a failing page is checked on every run. A fresh clone has no cache and checks
every page: that is what CI runs. `NJK_FULL_SWEEPS=1`, or deleting .cache/sweeps, does the same.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

# Every file the current document loaded: the page itself, then each resource it fetched.
LOADED = "() => [location.href, ...performance.getEntriesByType('resource').map(e => e.name)]"


def site_file(site: Path, url: str, origin: str) -> Path | None:
    """The file in `site` that `url` is served from (the static server's mapping: a folder's
    index.html), or None when it is not a file of this site."""
    parsed = urlparse(url)
    if f"{parsed.scheme}://{parsed.netloc}" != origin:
        return None
    parts = PurePosixPath(unquote(parsed.path)).parts[1:]
    if ".." in parts:
        return None
    path = site.joinpath(*parts)
    if parsed.path.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None


def digest(site: Path, files: list[str], key: str) -> str | None:
    """One hash over the check's key and the bytes of each file (paths relative to `site`), or
    None when one of them is gone."""
    h = hashlib.sha256(key.encode())
    for name in sorted(set(files)):
        path = site / name
        if not path.is_file():
            return None
        h.update(b"\0" + name.encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def key_of(*parts: str | bytes | Path) -> str:
    """A key for one way of checking: the texts, bytes and files' contents given (code, versions,
    viewport...). Change any of them and no earlier pass counts."""
    h = hashlib.sha256()
    for part in parts:
        data = part.read_bytes() if isinstance(part, Path) else part if isinstance(part, bytes) else part.encode()
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def installed_fonts() -> str:
    """The fonts Chromium can use (fontconfig's list, sorted), for a sweep's key: other fonts
    lay text out otherwise, so reflow and target sizes may change."""
    if shutil.which("fc-list") is None:
        return "fc-list missing"
    listing = subprocess.run(["fc-list", "--format", "%{file} %{fontversion}\\n"], capture_output=True, text=True)
    return "\n".join(sorted(listing.stdout.splitlines()))


@dataclass
class SweepCache:
    """The passes of one sweep (one test with its parameters), stored in one JSON file."""

    file: Path
    site: Path
    key: str
    passed: dict[str, dict] = field(default_factory=dict)
    reused: int = 0
    checked: int = 0

    @classmethod
    def open(cls, file: Path, site: Path, key: str) -> SweepCache:
        """The sweep's stored passes; none when there are none, they are unreadable, or
        NJK_FULL_SWEEPS is set."""
        cache = cls(file, site, key)
        if os.environ.get("NJK_FULL_SWEEPS") not in (None, "", "0"):
            return cache
        try:
            stored = json.loads(file.read_text("utf-8"))
        except (OSError, ValueError):
            return cache
        if isinstance(stored, dict) and stored.get("key") == key and isinstance(stored.get("passed"), dict):
            cache.passed = stored["passed"]
        return cache

    def to_check(self, pages: list[str]) -> list[str]:
        """The pages that must be checked: every page without a pass whose files are unchanged."""
        todo = []
        for page in pages:
            entry = self.passed.get(page)
            if isinstance(entry, dict) and isinstance(entry.get("files"), list) \
                    and entry.get("digest") == digest(self.site, entry["files"], self.key):
                self.reused += 1
            else:
                self.passed.pop(page, None)
                todo.append(page)
        self.checked += len(todo)
        return todo

    def remember(self, page: str, loaded: list[str], origin: str) -> None:
        """Store that `page` passed, having loaded the URLs `loaded` (from LOADED). A page that
        loaded anything that is not a file of the site is not stored: its outcome is not ours."""
        files = []
        for url in loaded:
            path = site_file(self.site, url, origin)
            if path is None:
                return
            files.append(path.relative_to(self.site).as_posix())
        sealed = digest(self.site, files, self.key)
        if sealed is not None:
            self.passed[page] = {"files": sorted(set(files)), "digest": sealed}

    def sweep(self, page, base_url: str, paths: list[str], look) -> list[str]:
        """Load in the Playwright `page` each of `paths` that must be checked, and call
        `look(page, path)` for its problems; remember each page that has none. All problems."""
        problems = []
        for path in self.to_check(paths):
            page.goto(base_url + path, wait_until="load")
            found = look(page, path)
            problems += found
            if not found:
                self.remember(path, page.evaluate(LOADED), base_url)
        return problems

    def save(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_suffix(".tmp")
        temporary.write_text(json.dumps({"key": self.key, "passed": self.passed}, indent=0), "utf-8")
        temporary.replace(self.file)  # whole or not at all, also when a run is stopped midway

    def summary(self, name: str) -> str:
        return f"{name}: {self.checked} pages checked, {self.reused} unchanged since they passed"
