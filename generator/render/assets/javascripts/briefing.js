// Outline the whole passage a link lands on, every piece of its mark: CSS's :target reaches only the anchor.
function outlineTargetPassage() {
  const id = decodeURIComponent(location.hash.slice(1));
  for (const mark of document.querySelectorAll("mark.target")) mark.classList.remove("target");
  if (/^q-\d+-\d+$/.test(id)) for (const mark of document.getElementsByClassName(id)) mark.classList.add("target");
}
addEventListener("hashchange", outlineTargetPassage);
outlineTargetPassage();

// axe requires every dialog to have a name; Material 9.8's search dialog has none (Zensical's has), so give it
// the name of its field. Without script there is no search to name.
for (const dialog of document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])')) {
  dialog.setAttribute("aria-label", dialog.querySelector("input")?.getAttribute("aria-label") ?? "Search");
}
