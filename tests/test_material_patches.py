import pytest

from scripts.postbuild.material_patches import PATCHES, PatchError, patch_bundle

SAMPLE = (
    'function ui({document$:e}){};var x;ui({document$:ct});var uo=new T,qi=kt(Or.base);V("navigation.instant");'
    'zi=document.forms.namedItem("search")?ks():tt,fo=new T;'
    'function Mn(e,t=new Worker(e)){let r=Wa(t)}'
    'return x("a",{href:`${s}`,class:"md-search-result__link",tabIndex:-1},x("article",{}));'
    'switch(c.type){case"Escape":case"Tab":at("search",!1),i.blur();break;}'
    'function an(){let e=new It(1);return h(document,"DOMContentLoaded",{once:!0}).subscribe(()=>e.next(document)),e}'
)


def test_patches_apply_once_and_are_idempotent():
    patched = patch_bundle(SAMPLE)
    assert "ui({document$:ct});" not in patched
    assert 'qi=V("navigation.instant")?kt(Or.base):$(new Map);' in patched
    assert "?ks():tt" not in patched and ".pipe(b(()=>ks()),Z(1)):tt" in patched
    assert "new Worker(e)" not in patched and "function Mn(e,t=Lw(e)){" in patched
    # search results: named by their title, reachable with Tab, and Tab no longer closes the search
    assert "tabIndex:-1" not in patched and '"aria-label":new DOMParser().parseFromString(e.title' in patched
    assert 'case"Tab":at(' not in patched and 'case"Tab":break;' in patched
    # loaded on demand (issue 31): Material starts at once when the document is already parsed,
    # and fetches the index when the search is already open or focused as it starts
    assert 'document.readyState==="loading"?h(document,"DOMContentLoaded"' in patched
    assert ':e.next(document),e}' in patched
    assert 'closest(".md-search")||document.getElementById("__search")?.checked)&&r();' in patched
    assert patch_bundle(patched) == patched


def test_unknown_bundle_fails_loudly():
    with pytest.raises(PatchError, match="not applicable"):
        patch_bundle("var somethingElse=1;")


def test_every_patch_matches_the_pinned_material_bundle():
    from pathlib import Path

    import material

    bundles = list((Path(material.__file__).parent / "templates/assets/javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    source = bundles[0].read_text("utf-8")
    for old, _ in PATCHES:
        assert source.count(old) == 1, old


def test_source_map_comments_are_stripped():
    from scripts.postbuild.material_patches import strip_source_map_comment

    assert strip_source_map_comment("a=1;\n//# sourceMappingURL=bundle.js.map\n") == "a=1;"
    assert strip_source_map_comment("a{b:c}\n/*# sourceMappingURL=main.css.map*/") == "a{b:c}"
    assert strip_source_map_comment("keep();") == "keep();"


def test_unused_assets_keeps_only_what_the_search_languages_need(tmp_path):
    from scripts.postbuild.material_patches import unused_assets

    lunr = tmp_path / "assets/javascripts/lunr"
    (lunr / "min").mkdir(parents=True)
    for name in ("lunr.nl.min.js", "lunr.de.min.js", "lunr.stemmer.support.min.js", "lunr.multi.min.js"):
        (lunr / "min" / name).write_text("x")
    (lunr / "tinyseg.js").write_text("x")
    (tmp_path / "assets/javascripts/bundle.js.map").write_text("{}")
    names = sorted(p.name for p in unused_assets(tmp_path, ["nl", "en"]))
    assert names == ["bundle.js.map", "lunr.de.min.js", "lunr.multi.min.js", "tinyseg.js"]


def test_worker_patch_matches_the_pinned_worker_and_is_idempotent():
    """The query rewrite (stop words out, stems and typos in) applies to Material's own worker;
    what it does to answers is measured by tests/browser/test_search_quality.py."""
    from pathlib import Path

    import material

    from scripts.postbuild.material_patches import WORKER_PATCHES, patch_worker

    [worker] = (Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js")
    source = worker.read_text("utf-8")
    patched = patch_worker(source)
    for old, new in WORKER_PATCHES:
        assert source.count(old) == 1 and old not in patched and new in patched
    assert patch_worker(patched) == patched
    with pytest.raises(PatchError, match="not applicable"):
        patch_worker("var somethingElse=1;")


def test_stylesheet_patch_reads_the_focus_class_as_the_browsers_focus_visible():
    """Keyboard focus stays visible before Material's bundle (and its polyfill) has loaded."""
    from scripts.postbuild.material_patches import patch_stylesheet

    css = ".md-header__button:not(.focus-visible){outline:none}.md-option.focus-visible+label{outline-style:auto}"
    patched = patch_stylesheet(css)
    assert patched == ".md-header__button:not(:focus-visible){outline:none}.md-option:focus-visible+label{outline-style:auto}"
    assert patch_stylesheet(patched) == patched
    with pytest.raises(PatchError, match="not applicable"):
        patch_stylesheet(".a{b:c}")


def test_stylesheet_patch_matches_the_pinned_material_stylesheet():
    from pathlib import Path

    import material

    from scripts.postbuild.material_patches import patch_stylesheet

    [css] = (Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css")
    patched = patch_stylesheet(css.read_text("utf-8"))
    assert ".focus-visible" not in patched.replace(":focus-visible", "")
