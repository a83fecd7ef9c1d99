"""Launch Debian's Chromium through Playwright: the one browser tests and benchmarks use.

Never a downloaded browser. The flags keep Chromium from calling home (this machine has no
network, and a privacy site should not be tested by a browser that phones Google).
"""
from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-quic",
]


def launch(playwright, **options):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, **options)
