"""scripts/postbuild/fingerprint.py: edited assets get a name after their content, and pages follow."""
from __future__ import annotations

import hashlib

import pytest

from scripts.postbuild import fingerprint
from scripts.postbuild.site_passes import rewrite_pages


def test_name_follows_content():
    data = b"body{color:red}"
    digest = hashlib.sha256(data).hexdigest()[:8]
    assert fingerprint.fingerprinted_name("main.57a0d79d.min.css", data) == f"main.{digest}.min.css"
    assert fingerprint.fingerprinted_name("bundle.a5f9d56c.min.js", b"x") != fingerprint.fingerprinted_name("bundle.a5f9d56c.min.js", b"y")
    with pytest.raises(ValueError):
        fingerprint.fingerprinted_name("site.css", data)


def test_site_is_renamed_and_references_rewritten_once(tmp_path):
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "main.57a0d79d.min.css").write_text("pruned{}")
    (tmp_path / "assets" / "site.css").write_text("untouched{}")
    (tmp_path / "en").mkdir()
    page = tmp_path / "en" / "index.html"
    page.write_text('<link rel="stylesheet" href="../assets/stylesheets/main.57a0d79d.min.css">')
    renames = fingerprint.rename_assets(tmp_path)
    rewrite_pages(tmp_path, [fingerprint.reference_rewrite(renames)])
    new = renames["main.57a0d79d.min.css"]
    assert (sheets / new).read_text() == "pruned{}" and not (sheets / "main.57a0d79d.min.css").exists()
    assert f"stylesheets/{new}" in page.read_text() and "57a0d79d" not in page.read_text()
    assert (tmp_path / "assets" / "site.css").exists()
    assert fingerprint.rename_assets(tmp_path) == {}  # idempotent
