// Search without a trail or a dead end. It only looks at the page: what is typed is never stored,
// sent or put in the address.
// - Enter (also a phone keyboard's search key) opens the first result shown, like a click, so
//   exit-early.js replaces the history entry; with no result shown it does nothing (issue 29).
//   Material's own Enter handler picked the best-scoring section anywhere in the list, and when it
//   threw the form was submitted with the words in the address; it never sees Enter in the box.
// - When a search finds nothing, or its best page misses some of the words typed (Material marks
//   them as missing: a whole sentence often ends there), the help panel the build put before the
//   results (scripts/postbuild/search_help.py) is shown, with the first line that fits (issues 15, 29).
(() => {
  const input = document.querySelector("input[name=query]");
  if (!input) return;

  window.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.target !== input) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const first = document.querySelector(".md-search-result__list a[href]");
    if (first && input.value.trim()) first.click();
  }, true);

  const panel = document.querySelector(".njk-search-help");
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  if (!panel || !meta || !list) return;
  const lines = { none: panel.querySelector('[data-when="none"]'), weak: panel.querySelector('[data-when="weak"]') };
  // Until the index is ready Material shows this text; an empty list then means "not yet", not "nothing".
  const loading = meta.textContent.trim();
  const state = () => {
    if (!input.value.trim() || meta.textContent.trim() === loading) return null;
    if (!list.children.length) return "none";
    // The first result is the best page; it lists the words it does not contain.
    return list.firstElementChild.querySelector(".md-search-result__terms") ? "weak" : null;
  };
  const update = () => {
    const now = state();
    panel.hidden = now === null;
    for (const [name, line] of Object.entries(lines)) if (line) line.hidden = name !== now;
  };
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  new MutationObserver(update).observe(list, { childList: true, subtree: true });
  input.addEventListener("input", update);
})();
