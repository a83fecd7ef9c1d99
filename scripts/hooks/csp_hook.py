"""Thin hook, the build's last step: long-cached assets named after their content
(scripts/fingerprint.py), then every page's CSP meta and site/_headers (scripts/csp.py)."""
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from scripts import csp, fingerprint  # noqa: E402
from scripts.mkdocs_glue import is_final_build  # noqa: E402

log = logging.getLogger("mkdocs.hooks.csp")
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


# Below every other post-build fix (i18n writes the 404 pages at -200): hashes must see final HTML.
@event_priority(-1000)
def on_post_build(config):
    if not is_final_build(config):
        return
    if _serving:
        # `mkdocs serve` injects its live-reload code as an inline script that changes per
        # request: no hash can allow it. `make build` and `make test` apply and check the policy.
        log.info("Content-Security-Policy left out while serving (live reload); make build adds it")
        return
    site = Path(config.site_dir)
    renamed = fingerprint.fingerprint_site(site)
    if renamed:
        log.info("renamed after their content: " + ", ".join(f"{a} -> {b}" for a, b in renamed.items()))
    try:
        hashes = csp.apply_to_site(site)
    except csp.PolicyError as error:
        raise PluginError(f"Content-Security-Policy: {error}") from None
    (site / "_headers").write_text(csp.render_headers_file(hashes), "utf-8")
