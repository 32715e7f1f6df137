// nbconvert's lab stylesheet (index.css, 0.54 MB) styles all of JupyterLab: menus, dialogs, file browser, ...
// A course page uses a few dozen of its classes. trimCss keeps the rules that can match the exported pages
// and drops those naming a class no page has, which makes it ~10x smaller and keeps each page (plotly.js
// included) under the 6 MB budget. Conservative by design: a rule stays unless one of the classes it needs
// is certainly absent (element, id, attribute and pseudo selectors are always kept).

/** Every class name used in `class="..."` attributes of the given HTML pages (and in scripts' class strings). */
export function usedClasses(htmls) {
  const used = new Set();
  for (const html of htmls) {
    for (const m of html.matchAll(/\bclass\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      for (const c of (m[2] ?? m[3]).split(/\s+/)) if (c) used.add(c);
    }
  }
  return used;
}

/** Splits CSS into top-level items: { prelude, body } for blocks, { text } for statements like @charset. */
function splitBlocks(css) {
  const items = [];
  let i = 0;
  let start = 0;
  while (i < css.length) {
    const ch = css[i];
    if (ch === '"' || ch === "'") {
      i = skipString(css, i);
    } else if (ch === ";") {
      const text = css.slice(start, i + 1).trim();
      if (text) items.push({ text });
      start = ++i;
    } else if (ch === "{") {
      let depth = 1;
      let j = i + 1;
      while (j < css.length && depth > 0) {
        if (css[j] === '"' || css[j] === "'") { j = skipString(css, j); continue; }
        if (css[j] === "{") depth++;
        else if (css[j] === "}") depth--;
        j++;
      }
      items.push({ prelude: css.slice(start, i).trim(), body: css.slice(i + 1, j - 1) });
      start = i = j;
    } else {
      i++;
    }
  }
  const rest = css.slice(start).trim();
  if (rest) items.push({ text: rest });
  return items;
}

function skipString(css, i) {
  const quote = css[i];
  let j = i + 1;
  while (j < css.length && css[j] !== quote) j += css[j] === "\\" ? 2 : 1;
  return j + 1;
}

/** Splits a selector list at top-level commas (not inside :is(...), :not(...), [attr="a,b"]). */
function splitSelectors(prelude) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < prelude.length; i++) {
    const ch = prelude[i];
    if (ch === '"' || ch === "'") i = skipString(prelude, i) - 1;
    else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) { parts.push(prelude.slice(start, i).trim()); start = i + 1; }
  }
  parts.push(prelude.slice(start).trim());
  return parts.filter(Boolean);
}

/** Whether a selector can match: every class it requires (outside :not(...)) is used somewhere. */
function selectorCanMatch(selector, used) {
  const required = selector.replace(/:not\((?:[^()]|\([^()]*\))*\)/g, "").replace(/\[[^\]]*\]/g, "");
  for (const m of required.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) if (!used.has(m[1])) return false;
  return true;
}

/** The CSS with the rules that cannot match any page removed (comments too). */
export function trimCss(css, used) {
  const out = [];
  for (const item of splitBlocks(css.replace(/\/\*[\s\S]*?\*\//g, ""))) {
    if (item.text !== undefined) { out.push(item.text); continue; }
    const { prelude, body } = item;
    if (/^@(media|supports|layer|container)\b/i.test(prelude)) {
      const inner = trimCss(body, used);
      if (inner.trim()) out.push(`${prelude} {\n${inner}\n}`);
    } else if (prelude.startsWith("@")) {
      out.push(`${prelude} {${body}}`); // @keyframes, @font-face, @page: kept whole
    } else {
      const kept = splitSelectors(prelude).filter((s) => selectorCanMatch(s, used));
      if (kept.length) out.push(`${kept.join(",\n")} {${body}}`);
    }
  }
  return out.join("\n");
}
