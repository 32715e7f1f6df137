/**
 * The navigation step (site mode only): what turns a set of pages into a course. On every page a sidebar (the
 * course's lessons, the current one opened to its sections, and the search box), links to the previous and next
 * lesson at the end, and in a handout edition a line saying that the solutions were left out. The sidebar is a
 * left column on wide screens and a folded panel above the text on narrow ones (assets/dlnotes.css,
 * assets/dlnotes-nav.js). Also the index page (index.html). A single page (single mode) gets none of this: it has
 * no siblings to link to.
 */
import type { CheerioAPI } from "cheerio";
import MarkdownIt from "markdown-it";
import { escapeHtml, pageHref } from "./html";
import { sanitizeHtml } from "./sanitize";
import { liteNotebookHref } from "../../src/core/definitions";

/** The name of the course, shown at the top of every sidebar and on the index page. */
export const COURSE_TITLE = "Course notes: week 2";

/** The line a handout edition (`--no-solutions`) shows on the index and on every page. */
export const NO_SOLUTIONS_NOTICE = "Solutions are not included in this edition.";

/** A lesson in reading order. */
export interface Lesson {
  page: string;
  title: string;
}

/** One of a page's own sections (h2/h3 of its Markdown cells). */
export interface Section {
  level: number;
  id: string;
  /** the heading's inner HTML without the "¶" link or nested links (TeX still raw: the math step typesets it) */
  html: string;
}

/** The page's own sections: the h2 and h3 headings of its Markdown cells (h1 is the lesson's title). */
export function pageSections($: CheerioAPI): Section[] {
  const sections: Section[] = [];
  $("main .jp-MarkdownCell")
    .find("h2, h3")
    .each((_, el) => {
      const heading = $(el).clone();
      heading.find("a.anchor-link").remove();
      heading.find("a").each((_, a) => {
        $(a).replaceWith($(a).contents());
      });
      sections.push({
        level: Number((el as { tagName: string }).tagName.slice(1)),
        id: $(el).attr("id") ?? "",
        html: (heading.html() ?? "").trim(),
      });
    });
  return sections;
}

function lessonList(lessons: Lesson[], current: number, sections: Section[]): string {
  const items = lessons.map((lesson, i) => {
    const link = `<a href="${pageHref(lesson.page)}"${i === current ? ' aria-current="page"' : ""}>${escapeHtml(lesson.title)}</a>`;
    if (i !== current) return `<li>${link}</li>`;
    const inner = sections
      .map((s) => `<li class="dlnotes-section-${s.level}"><a href="#${encodeURIComponent(s.id)}">${s.html}</a></li>`)
      .join("\n");
    return `<li class="dlnotes-current">${link}${inner ? `\n<ol class="dlnotes-sections" aria-label="Sections of this lesson">\n${inner}\n</ol>` : ""}</li>`;
  });
  return `<ol class="dlnotes-lessons">\n${items.join("\n")}\n</ol>`;
}

/** The search box (filled by assets/dlnotes-nav.js from assets/search-index.js). */
export function searchBox(): string {
  return `<div class="dlnotes-search" role="search">
<input type="search" class="dlnotes-search-input" placeholder="Search the notes (press /)" aria-label="Search the notes" autocomplete="off" spellcheck="false">
<ol class="dlnotes-search-results" hidden></ol>
</div>`;
}

/** The link to the library's reference (TypeDoc) when the site has one. */
function referenceLink(reference: string | undefined): string {
  return reference
    ? `\n<a class="dlnotes-reference" href="${reference}">Library reference (every function, its types and docs)</a>`
    : "";
}

function sidebar(lessons: Lesson[], current: number, sections: Section[], reference?: string): string {
  return `<nav class="dlnotes-sidebar" aria-label="Course">
<a class="dlnotes-home" href="index.html">${escapeHtml(COURSE_TITLE)}</a>
${searchBox()}
<details class="dlnotes-contents">
<summary>Lessons and sections</summary>
${lessonList(lessons, current, sections)}
</details>${referenceLink(reference)}
</nav>`;
}

function pagerLink(kind: string, rel: string, page: string, label: string, title: string): string {
  const relAttr = rel ? ` rel="${rel}"` : "";
  return `<a class="dlnotes-pager-${kind}"${relAttr} href="${pageHref(page)}"><span class="dlnotes-pager-label">${label}</span><span class="dlnotes-pager-title">${escapeHtml(title)}</span></a>`;
}

/** Links to the previous and next lesson; the first lesson leads back to the index, and so does the last one. */
function pager(lessons: Lesson[], current: number): string {
  const prev = lessons[current - 1];
  const next = lessons[current + 1];
  return `<nav class="dlnotes-pager" aria-label="Previous and next lesson">
${prev ? pagerLink("prev", "prev", prev.page, "&larr; Previous", prev.title) : pagerLink("prev", "", "index.html", "&larr; Course", "All lessons")}
${next ? pagerLink("next", "next", next.page, "Next &rarr;", next.title) : pagerLink("next", "", "index.html", "All lessons &rarr;", "Back to the course index")}
</nav>`;
}

/**
 * Adds the course navigation to one page: <main> and the sidebar before it in a div.dlnotes-layout, the
 * previous/next links at the end of <main>. `current` = this page's index in `lessons`.
 */
export function addCourseNav(
  $: CheerioAPI,
  {
    lessons,
    current,
    sections,
    reference,
  }: { lessons: Lesson[]; current: number; sections: Section[]; reference?: string },
): void {
  // Sidebar and lesson side by side in their own box, so that whatever else goes into <body> later (the runner's
  // bar) sits above both instead of taking a column of the layout.
  $("main")
    .wrap('<div class="dlnotes-layout"></div>')
    .before(sidebar(lessons, current, sections, reference));
  $("main").append(pager(lessons, current));
}

/**
 * The link from a lesson's page to the same notebook in the course's JupyterLite site (site/lab/, built by
 * `npm run build:lite`), where it runs in the reader's browser with nothing installed. JupyterLite needs the
 * notes served over http(s) (`npm run serve`, or any web host), not opened as files: the line says so.
 */
export function addLiteLink($: CheerioAPI, notebookFileName: string): void {
  $("main").prepend(
    `<p class="dlnotes-lite-link"><a href="${liteNotebookHref(notebookFileName)}">Open in JupyterLab (runs in your browser)</a> ` +
      `<span>— works when these notes are served from a web host or <code>npm run serve</code>, not opened as a file.</span></p>`,
  );
}

/** The classes and notices every page gets, in both modes: the page class, and the handout notice. */
export function addEditionNotice($: CheerioAPI, solutions: boolean): void {
  $("body").addClass("dlnotes-page");
  if (!solutions) $("main").prepend(`<p class="dlnotes-edition">${NO_SOLUTIONS_NOTICE}</p>`);
}

/** The course authors' introduction (notebooks/index.md) as HTML: Markdown, sanitized like any Markdown cell. */
export function introductionHtml(markdown: string): string {
  return sanitizeHtml(new MarkdownIt({ html: true, linkify: false }).render(markdown));
}

/**
 * The HTML of the index page: the course's title, the authors' introduction (notebooks/index.md, if any), the
 * search box and the lessons in reading order. `solutions` = false for a handout edition.
 */
export function indexPage(
  lessons: Lesson[],
  { solutions, introduction, reference }: { solutions: boolean; introduction?: string; reference?: string },
): string {
  const items = lessons
    .map((p, i) => {
      // Titles of the form "01 · Binary classification" carry their number already.
      const number = /^\d/.test(p.title) ? "" : `<span class="dlnotes-num">${i + 1}.</span> `;
      return `<li><a href="${pageHref(p.page)}">${number}${escapeHtml(p.title)}</a></li>`;
    })
    .join("\n");
  const notice = solutions ? "" : `\n<p class="dlnotes-edition">${NO_SOLUTIONS_NOTICE}</p>`;
  const intro =
    introduction === undefined
      ? "<p>Logistic regression as a neural network: one page per notebook, in reading order. Plots are interactive; everything works offline.</p>"
      : `<div class="dlnotes-intro">\n${introductionHtml(introduction)}</div>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(COURSE_TITLE)}</title>
<link rel="stylesheet" href="assets/dlnotes.css">
<script src="assets/dlnotes-nav.js" defer></script>
</head>
<body class="dlnotes-index">
<h1>${escapeHtml(COURSE_TITLE)}</h1>
${intro}${notice}
${searchBox()}
<h2>Lessons</h2>
<ol class="dlnotes-index-lessons">
${items}
</ol>${reference ? `\n<p>${referenceLink(reference).trim()}</p>` : ""}
</body>
</html>
`;
}
