// The course notes' front page (site/index.html): the course's title, the search box and the lessons in
// reading order. Its TeX (a lesson title may have some) is typeset by the export like any page's.
import { COURSE_TITLE, NO_SOLUTIONS_NOTICE, searchBox } from "./course-nav.mjs";
import { escapeHtml } from "./html.mjs";

/**
 * The HTML of the index page. `lessons` = [{ page, title }] in reading order; `solutions` = false for a
 * handout edition (it then says that solutions are left out).
 */
export function indexPage(lessons, { solutions }) {
  const items = lessons
    .map((p, i) => {
      // Titles of the form "01 · Binary classification" carry their number already.
      const number = /^\d/.test(p.title) ? "" : `<span class="dlnotes-num">${i + 1}.</span> `;
      return `<li><a href="${encodeURI(p.page)}">${number}${escapeHtml(p.title)}</a></li>`;
    })
    .join("\n");
  const notice = solutions ? "" : `\n<p class="dlnotes-edition">${NO_SOLUTIONS_NOTICE}</p>`;
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
<p>Logistic regression as a neural network: one page per notebook, in reading order. Plots are interactive; everything works offline.</p>${notice}
${searchBox()}
<h2>Lessons</h2>
<ol class="dlnotes-index-lessons">
${items}
</ol>
</body>
</html>
`;
}
