"""The throw-away project copies that tests break on purpose (scripts/tools/site_build.py)."""
from __future__ import annotations

import shutil

import pytest

from scripts.tools import site_build


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / ".cache" / "leaflets" / "entry").mkdir(parents=True)
    (root / ".cache" / "leaflets" / "entry" / "leaflet.pdf").write_bytes(b"%PDF")
    (root / ".cache" / "leaflets" / "leaflets-x1y2").mkdir()  # another build's staging folder
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Thuis\n", "utf-8")
    monkeypatch.setattr(site_build, "ROOT", root)
    return root


def vanished(path):
    """A file that is gone by the time copytree reaches it: a link to nothing."""
    path.symlink_to(path.parent / "gone")


def test_a_cache_entry_replaced_while_copying_is_left_out(project, tmp_path):
    vanished(project / ".cache" / "leaflets" / "entry" / "leaflet.json")
    copy = site_build.copy_project(tmp_path / "copy")
    assert (copy / "docs" / "index.md").is_file()
    assert (copy / ".cache" / "leaflets" / "entry" / "leaflet.pdf").is_file()
    assert not (copy / ".cache" / "leaflets" / "entry" / "leaflet.json").exists()
    assert not (copy / ".cache" / "leaflets" / "leaflets-x1y2").exists()


def test_a_project_file_that_cannot_be_copied_still_fails(project, tmp_path):
    vanished(project / "docs" / "signalen.md")
    with pytest.raises(shutil.Error, match="signalen.md"):
        site_build.copy_project(tmp_path / "copy")
