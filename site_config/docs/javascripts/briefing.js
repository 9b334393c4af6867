// Outline the whole passage a link lands on, every piece of its mark: CSS's :target reaches only the anchor.
function outlineTargetPassage() {
  const id = decodeURIComponent(location.hash.slice(1));
  for (const mark of document.querySelectorAll("mark.target")) mark.classList.remove("target");
  if (/^q-\d+-\d+$/.test(id)) for (const mark of document.getElementsByClassName(id)) mark.classList.add("target");
}
addEventListener("hashchange", outlineTargetPassage);
outlineTargetPassage();
