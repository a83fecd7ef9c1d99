"""Small pieces every thin MkDocs hook needs: where a page lives, and failing a build cleanly."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from mkdocs.exceptions import PluginError

from scripts.content.errors import ContentError


def page_path(page) -> str:
    """The page's source as a writer knows it, e.g. `docs/nl/signalen.md`."""
    return os.path.relpath(page.file.abs_src_path)


def page_language(page) -> str:
    """`nl` or `en`: the folder the page's source sits in (docs/<lang>/...)."""
    return getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]


def page_key(page, config) -> str:
    """The page's path inside its language folder, e.g. `professionals/index.md`."""
    source = Path(page.file.abs_src_path).resolve()
    docs = Path(config["docs_dir"]).resolve()
    return source.relative_to(docs).as_posix().split("/", 1)[1]


def routes_file(config) -> Path | None:
    """`extra: routes_file:` (relative to mkdocs.yml) lets a test or a fork use other data."""
    other = config["extra"].get("routes_file")
    return Path(config["config_file_path"]).parent / other if other else None


def is_final_build(config) -> bool:
    """static-i18n builds every other language inside the default build's on_post_build; site-wide
    post-build steps run once, in the outer call, after the last language is written."""
    i18n = config.plugins.get("i18n")
    return i18n is None or not i18n.building


def fail(errors: Iterable[ContentError]) -> None:
    """Raise PluginError so MkDocs prints `path:line: reason` lines and exits 1, no traceback."""
    errors = sorted(dict.fromkeys(errors), key=lambda e: (e.path, e.line, e.reason))
    if errors:
        raise PluginError("\n".join(str(e) for e in errors))
