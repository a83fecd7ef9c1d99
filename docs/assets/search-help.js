// No dead end (issue 15): when a search finds nothing, show the help panel the build put under
// the results list (scripts/postbuild/search_help.py). It only looks at the page: what is typed is never
// stored, sent or put in the address.
(() => {
  const panel = document.querySelector(".njk-search-help");
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  const input = document.querySelector("input[name=query]");
  if (!panel || !meta || !list || !input) return;
  // Until the index is ready Material shows this text; an empty list then means "not yet", not "nothing".
  const loading = meta.textContent.trim();
  const update = () => {
    panel.hidden = !(input.value.trim() && !list.children.length && meta.textContent.trim() !== loading);
  };
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  new MutationObserver(update).observe(list, { childList: true });
  input.addEventListener("input", update);
})();
