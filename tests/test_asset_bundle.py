import re

import pytest

from scripts.postbuild import asset_bundle
from scripts.postbuild.site_passes import rewrite_pages

PAGE = ('<head><link rel="stylesheet" href="../assets/stylesheets/main.1.min.css">\n'
        '<link rel="stylesheet" href="../assets/site.css">\n<link rel="stylesheet" href="../assets/print.css">\n</head>'
        '<body><script src="../assets/javascripts/bundle.1.min.js"></script>\n'
        '<script src="../assets/a.js"></script>\n<script src="../assets/b.js"></script>\n</body>')


@pytest.fixture
def site(tmp_path):
    (tmp_path / "assets/stylesheets").mkdir(parents=True)
    (tmp_path / "assets/javascripts").mkdir()
    (tmp_path / "assets/stylesheets/main.1.min.css").write_text("main{}")
    (tmp_path / "assets/site.css").write_text("site{}")
    (tmp_path / "assets/print.css").write_text("@media print{x{}}")
    (tmp_path / "assets/javascripts/bundle.1.min.js").write_text("material();")
    (tmp_path / "assets/a.js").write_text("a();")
    (tmp_path / "assets/b.js").write_text("b();")
    (tmp_path / "index.html").write_text(PAGE.replace("../", ""))
    (tmp_path / "signalen").mkdir()
    (tmp_path / "signalen/index.html").write_text(PAGE)
    (tmp_path / "404.html").write_text(PAGE.replace("../", "/"))
    return tmp_path


def test_pages_get_one_stylesheet_and_one_own_script(site):
    rewrite_pages(site, asset_bundle.make_bundles(site))
    names = sorted(p.relative_to(site).as_posix() for p in (site / "assets").glob("site.*.min.*"))
    done = {name.rsplit(".", 1)[1]: name for name in names}
    assert re.fullmatch(r"assets/site\.[0-9a-f]{8}\.min\.css", done["css"])
    assert (site / done["css"]).read_text() == "main{}\nsite{}\n@media print{x{}}\n"
    assert (site / done["js"]).read_text() == "a();\nb();\n"
    page = (site / "signalen/index.html").read_text()
    assert page.count('rel="stylesheet"') == 1 and f'href="../{done["css"]}"' in page
    assert '<script src="../assets/javascripts/bundle.1.min.js"></script>' in page  # Material's own stays
    assert page.count("<script") == 2 and f'src="../{done["js"]}"' in page
    assert f'href="/{done["css"]}"' in (site / "404.html").read_text()
    assert f'href="{done["css"]}"' in (site / "index.html").read_text()


def test_hash_changes_with_content():
    assert asset_bundle.hashed_name("site", ".css", b"a") != asset_bundle.hashed_name("site", ".css", b"b")


def test_a_page_with_other_assets_is_left_alone():
    html = '<link rel="stylesheet" href="assets/x.css">'
    assert asset_bundle.rewrite(html, asset_bundle.STYLESHEET, ["assets/x.css", "assets/y.css"], "assets/s.css", "{}") == html


def test_external_links_are_never_assets():
    assert asset_bundle.asset_path("https://example.org/assets/x.css") is None
    assert asset_bundle.asset_path("../assets/x.css") == "assets/x.css"


def test_material_bundle_tag_is_left_inert_for_loading_on_demand():
    """Issue 31: Material's bundle (half of a first visit) is not fetched with the page; its tag
    keeps the address for docs/assets/material-on-demand.js. Other scripts are untouched."""
    page = ('<script src="../assets/javascripts/bundle.4d9d3713.min.js"></script>'
            '<script src="../assets/site.0a058b86.min.js"></script>')
    out = asset_bundle.material_on_demand(page)
    assert out == ('<script type="text/plain" data-njk-material="../assets/javascripts/bundle.4d9d3713.min.js"></script>'
                   '<script src="../assets/site.0a058b86.min.js"></script>')
    assert asset_bundle.material_on_demand(out) == out
