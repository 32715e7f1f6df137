/**
 * Headings land visible below the sticky bars: the page's bars that stick to the top (the run bar, and the
 * narrow layout's course bar) are measured, and `--dlnotes-sticky-top` (their bottom edge) becomes the
 * `scroll-margin-top` of every element a link can target. Measured again whenever a bar changes size (the run
 * bar wraps to more lines on a narrow window) and after the page's width changes.
 */

/** How far below the lowest sticky bar a linked heading lands (px). */
const GAP_PX = 8;

/** The bottom edge (px from the viewport's top) of the elements that stick to the top while scrolling. */
function stickyBottom(): number {
  let bottom = 0;
  for (const el of Array.from(
    document.body.querySelectorAll<HTMLElement>("body > *, body > * > *, .dlnotes-runner-bar"),
  )) {
    const style = getComputedStyle(el);
    if ((style.position !== "sticky" && style.position !== "fixed") || style.top === "auto" || style.display === "none")
      continue;
    const rect = el.getBoundingClientRect();
    if (rect.height === 0 || rect.width < window.innerWidth / 2) continue; // a side panel does not cover headings
    bottom = Math.max(bottom, parseFloat(style.top) + rect.height);
  }
  return Math.ceil(bottom);
}

/** Keeps `scroll-margin-top` of link targets equal to the sticky bars' height; re-scrolls to the current `#hash`. */
export function keepTargetsBelowStickyBars(bar: HTMLElement): void {
  const style = document.createElement("style");
  style.textContent = `:root :target, :root :is(h1, h2, h3, h4, h5, h6)[id], :root [id] > :is(h1, h2, h3), :root .jp-Cell[id] { scroll-margin-top: calc(var(--dlnotes-sticky-top, 0px) + ${GAP_PX}px); }`;
  document.head.appendChild(style);
  let last = -1;
  const measure = () => {
    const top = stickyBottom();
    if (top === last) return;
    last = top;
    document.documentElement.style.setProperty("--dlnotes-sticky-top", `${top}px`);
  };
  measure();
  new ResizeObserver(measure).observe(bar);
  window.addEventListener("resize", measure);
  // the browser scrolled to the page's #hash before this ran: scroll again with the margin in place
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target) target.scrollIntoView();
}
