// Search without a trail or a dead end. It only looks at the page: what is typed is never stored,
// sent or put in the address.
// - Enter (also a phone keyboard's search key) opens the first result shown, like a click, so
//   exit-early.js replaces the history entry; with no result shown it does nothing (issue 29).
//   Material's own Enter handler picked the best-scoring section anywhere in the list, and when it
//   threw the form was submitted with the words in the address; it never sees Enter in the box.
// - When a search finds nothing, the help panel the build put after the results
//   (scripts/postbuild/search_help.py) is shown (issue 15).
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
  // Until the index is ready Material shows this text; an empty list then means "not yet", not "nothing".
  const loading = meta.textContent.trim();
  const update = () => {
    panel.hidden = !(input.value.trim() && !list.children.length && meta.textContent.trim() !== loading);
  };
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  new MutationObserver(update).observe(list, { childList: true });
  input.addEventListener("input", update);
})();
