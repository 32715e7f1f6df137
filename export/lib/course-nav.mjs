// What turns a set of exported notebooks into a course: on every page a sidebar (the course's lessons, the current
// one opened to its sections, and the search box), links to the previous and next lesson at the end, and in a
// handout edition a line saying that the solutions were left out. The sidebar is a left column on wide screens
// and a folded panel above the text on narrow ones (assets/dlnotes.css, assets/dlnotes-nav.js).
import { escapeHtml } from "./html.mjs";

/** The name of the course, shown at the top of every sidebar and on the index page. */
export const COURSE_TITLE = "Course notes: week 2";

/** The line a handout edition (`--no-solutions`) shows on the index and on every page. */
export const NO_SOLUTIONS_NOTICE = "Solutions are not included in this edition.";

/**
 * The page's own sections: the h2 and h3 headings of its Markdown cells (h1 is the lesson's title), each with
 * its id and its inner HTML without the "¶" link or nested links (TeX is still raw: the export typesets it
 * afterwards, in the sidebar as in the text).
 */
export function pageSections($) {
  const sections = [];
  $("main .jp-MarkdownCell").find("h2, h3").each((_, el) => {
    const heading = $(el).clone();
    heading.find("a.anchor-link").remove();
    heading.find("a").each((_, a) => {
      $(a).replaceWith($(a).contents());
    });
    sections.push({ level: Number(el.tagName.slice(1)), id: $(el).attr("id"), html: heading.html().trim() });
  });
  return sections;
}

function lessonList(lessons, current, sections) {
  const items = lessons.map((lesson, i) => {
    const link = `<a href="${encodeURI(lesson.page)}"${i === current ? ' aria-current="page"' : ""}>${escapeHtml(lesson.title)}</a>`;
    if (i !== current) return `<li>${link}</li>`;
    const inner = sections
      .map((s) => `<li class="dlnotes-section-${s.level}"><a href="#${encodeURIComponent(s.id)}">${s.html}</a></li>`)
      .join("\n");
    return `<li class="dlnotes-current">${link}${inner ? `\n<ol class="dlnotes-sections" aria-label="Sections of this lesson">\n${inner}\n</ol>` : ""}</li>`;
  });
  return `<ol class="dlnotes-lessons">\n${items.join("\n")}\n</ol>`;
}

/** The search box (filled by assets/dlnotes-nav.js from assets/search-index.js). */
export function searchBox() {
  return `<div class="dlnotes-search" role="search">
<input type="search" class="dlnotes-search-input" placeholder="Search the notes (press /)" aria-label="Search the notes" autocomplete="off" spellcheck="false">
<ol class="dlnotes-search-results" hidden></ol>
</div>`;
}

function sidebar(lessons, current, sections) {
  return `<nav class="dlnotes-sidebar" aria-label="Course">
<a class="dlnotes-home" href="index.html">${escapeHtml(COURSE_TITLE)}</a>
${searchBox()}
<details class="dlnotes-contents">
<summary>Lessons and sections</summary>
${lessonList(lessons, current, sections)}
</details>
</nav>`;
}

function pagerLink(kind, rel, href, label, title) {
  const relAttr = rel ? ` rel="${rel}"` : "";
  return `<a class="dlnotes-pager-${kind}"${relAttr} href="${encodeURI(href)}"><span class="dlnotes-pager-label">${label}</span><span class="dlnotes-pager-title">${escapeHtml(title)}</span></a>`;
}

/** Links to the previous and next lesson; the first lesson leads back to the index, and so does the last one. */
function pager(lessons, current) {
  const prev = lessons[current - 1];
  const next = lessons[current + 1];
  return `<nav class="dlnotes-pager" aria-label="Previous and next lesson">
${prev ? pagerLink("prev", "prev", prev.page, "&larr; Previous", prev.title) : pagerLink("prev", "", "index.html", "&larr; Course", "All lessons")}
${next ? pagerLink("next", "next", next.page, "Next &rarr;", next.title) : pagerLink("next", "", "index.html", "End of the course &rarr;", "All lessons")}
</nav>`;
}

/**
 * Adds the course navigation to one page (`$`, a cheerio document of an nbconvert page, changed in place):
 * <main> and the sidebar before it in a div.dlnotes-layout, the previous/next links at the end of <main>, the
 * handout notice at its start.
 * `lessons` = [{ page, title }] in reading order, `current` = this page's index in it.
 */
export function addCourseNav($, { lessons, current, sections, solutions }) {
  // Sidebar and lesson side by side in their own box, so that whatever else goes into <body> later (the runner's
  // bar, issue 12) sits above both instead of taking a column of the layout.
  $("body").addClass("dlnotes-page");
  $("main").wrap('<div class="dlnotes-layout"></div>').before(sidebar(lessons, current, sections));
  if (!solutions) $("main").prepend(`<p class="dlnotes-edition">${NO_SOLUTIONS_NOTICE}</p>`);
  $("main").append(pager(lessons, current));
}
