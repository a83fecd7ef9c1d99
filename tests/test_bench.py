"""scripts/tools/bench.py figures that need no browser: the search index size per language."""
import gzip

from scripts.tools.bench import search_index_sizes


def test_search_index_sizes_per_language_raw_and_gzipped(tmp_path):
    nl, en = b'{"docs":[' + b'{"text":"woord"},' * 50 + b"]}", b'{"docs":[]}'
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_bytes(nl)
    (tmp_path / "en" / "search").mkdir(parents=True)
    (tmp_path / "en" / "search" / "search_index.json").write_bytes(en)
    sizes = search_index_sizes(tmp_path)
    assert sizes == {"en": (len(en), len(gzip.compress(en, 9))), "nl": (len(nl), len(gzip.compress(nl, 9)))}
    assert sizes["nl"][1] < sizes["nl"][0]


def test_the_scaled_handbook_copies_every_page_but_the_overviews(tmp_path):
    """10× the content pages, all in the nav; one Bronverantwoording and one Stemmen van ouders,
    which then list ten times as much (copies of them would grow with the square)."""
    import shutil

    import yaml

    from scripts.tools.bench import OVERVIEWS, scaled_copy

    config = scaled_copy(3)
    try:
        docs = config.parent / "docs" / "nl"
        overviews = [p for p in docs.rglob("*.md") if any(o in p.read_text("utf-8") for o in OVERVIEWS)]
        assert sorted(p.name for p in overviews) == ["bronverantwoording.md", "stemmen-van-ouders.md"]
        assert (docs / "signalen-kopie2.md").read_text("utf-8") == (docs / "signalen.md").read_text("utf-8")
        assert (docs / "signalen-kopie3.md").is_file() and not (docs / "signalen-kopie4.md").exists()
        nav = yaml.load(config.read_text("utf-8"), Loader=yaml.BaseLoader)["nav"][-1]["Synthetische kopieën"]
        originals = [p for p in docs.rglob("*.md") if "-kopie" not in p.stem]
        assert len(nav) == 2 * (len(originals) - len(overviews))
    finally:
        shutil.rmtree(config.parent, ignore_errors=True)
