"""Build the site programmatically: used by tests and the benchmark, same as `mkdocs build`."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build(site_dir: Path, config_file: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build` into site_dir in a subprocess (MkDocs keeps global state between builds)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    config = config_file or ROOT / "mkdocs.yml"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(site_dir)],
        cwd=config.parent,
        env=full_env,
        capture_output=True,
        text=True,
    )


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the project (without build output, venv or git) to break on purpose.

    The PDF caches in .cache/ come along (the copy's build reuses them), except what a build
    running beside this one is still writing (`leaflets-*` staging folders, `*.tmp` files); an
    entry that such a build replaces while it is being copied is left out too: it is only a cache."""
    import shutil

    ignore = shutil.ignore_patterns(".git", ".venv", "site", "artifacts", "__pycache__", ".pytest_cache", "node_modules",
                                    "leaflets-*", "*.tmp")
    try:
        shutil.copytree(ROOT, dest, ignore=ignore, dirs_exist_ok=True)
    except shutil.Error as error:
        cache = str(ROOT / ".cache")
        lost = [(src, why) for src, _, why in error.args[0] if not (src.startswith(cache) and "No such file" in why)]
        if lost:
            raise shutil.Error(lost) from None
    return dest
