"""Thin hook: applies scripts/languages.py and scripts/material_patches.py to the build.

static-i18n builds the default language, then every other language inside the default
build's on_post_build. Per-page fixes run in every build; site-wide fixes (search index,
404 pages, bundle patch) run once, after the last language, at a lower priority than i18n.
"""
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from scripts import accessibility, css_prune, languages, routes, search_help, search_terms  # noqa: E402
from scripts.mkdocs_glue import fail, is_final_build  # noqa: E402
from scripts.material_patches import (  # noqa: E402
    PatchError, patch_bundle, patch_worker, strip_source_map_comment, unused_assets,
)

UNTRANSLATED = {
    "en": "This page has not been translated into English yet. Below is the Dutch text.",
    "nl": "Deze pagina is nog niet vertaald.",
}
SEARCH_LABEL = {"en": "Search", "nl": "Zoeken"}
_not_found_pages: dict[str, str] = {}


def _routes(config):
    """The routes data the pages use (`extra: routes_file:` as in scripts/hooks/routes_hook.py)."""
    other = config["extra"].get("routes_file")
    return routes.load(Path(config["config_file_path"]).parent / other if other else routes.ROUTES_FILE)


def _i18n(config):
    return config.plugins["i18n"]


def _languages(config):
    i18n = _i18n(config)
    default = i18n.default_language
    return default, [lang.locale for lang in i18n.config.languages if lang.build]


@event_priority(-200)
def on_post_page(output, page, config):
    default, _ = _languages(config)
    lang = _i18n(config).current_language
    output = languages.absolute_alternates(output, page.url, config.site_url, default)
    output = languages.set_config_base(output, languages.language_root(page.url, lang, default))
    output = languages.name_search_dialog(output, SEARCH_LABEL.get(lang, SEARCH_LABEL["en"]))
    output = search_help.insert(output, search_help.render(_routes(config), lang, languages.language_root(page.url, lang, default)))
    output = accessibility.operable_toggles(output, lang)
    text_lang = getattr(page.file, "locale", lang)
    if text_lang != lang:
        output = languages.mark_untranslated(output, text_lang, lang, UNTRANSLATED.get(lang, UNTRANSLATED["en"]))
    return output


def on_post_template(output, template_name, config):
    # Every language build writes site/404.html; keep each language's own version.
    if template_name == "404.html":
        default, _ = _languages(config)
        lang = _i18n(config).current_language
        output = languages.without_alternates(output)
        output = languages.set_config_base(output, "/" if lang == default else f"/{lang}/")
        output = languages.name_search_dialog(output, SEARCH_LABEL.get(lang, SEARCH_LABEL["en"]))
        output = search_help.insert(output, search_help.render(_routes(config), lang, "/" if lang == default else f"/{lang}/"))
        output = accessibility.operable_toggles(output, lang)
        _not_found_pages[lang] = output
    return output


def _sources(lang_dir: Path) -> dict[str, str]:
    """Every page of one language (path under docs/<lang>/ → Markdown); their search words must parse."""
    sources = {p.relative_to(lang_dir).as_posix(): p.read_text("utf-8") for p in sorted(lang_dir.rglob("*.md"))}
    fail(e for rel, text in sources.items() for e in search_terms.check_page(text, f"docs/{lang_dir.name}/{rel}"))
    return sources


@event_priority(-200)
def on_post_build(config):
    if not is_final_build(config):
        return
    default, langs = _languages(config)
    site = Path(config.site_dir)

    index_file = site / "search" / "search_index.json"
    if index_file.exists():
        import json

        for lang, index in languages.split_search_index(json.loads(index_file.read_text("utf-8")), langs, default).items():
            index = search_terms.shape_index(index, _sources(Path(config.docs_dir) / lang))
            target = site / ("" if lang == default else lang) / "search" / "search_index.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")

    for lang, html in _not_found_pages.items():
        target = site / ("" if lang == default else lang) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, "utf-8")

    for pattern, patch in (("bundle.*.min.js", patch_bundle), ("workers/search.*.min.js", patch_worker)):
        for script in (site / "assets" / "javascripts").glob(pattern):
            try:
                script.write_text(patch(script.read_text("utf-8")), "utf-8")
            except PatchError as error:
                raise PluginError(str(error)) from None

    # Not deployed: source maps and the lunr languages no index uses.
    for path in unused_assets(site, langs):
        path.unlink()
    for path in [*(site / "assets").rglob("*.js"), *(site / "assets").rglob("*.css")]:
        text = path.read_text("utf-8")
        stripped = strip_source_map_comment(text)
        if stripped != text:
            path.write_text(stripped, "utf-8")

    # Unused CSS (scripts/css_prune.py): drop Material stylesheet rules that no built page and no
    # script can match. Runs last here: it reads the final HTML and the patched bundle as evidence.
    logging.getLogger("mkdocs.hooks.css_prune").info(css_prune.summary(css_prune.prune_site(site)))
