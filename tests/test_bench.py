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
