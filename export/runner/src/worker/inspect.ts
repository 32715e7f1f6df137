/**
 * console.log's formatting in the page, matching what Node's `util.inspect` prints in the tslab kernel for
 * the values the notes log: strings, numbers, arrays (grouped into columns when long), plain objects,
 * class instances, typed arrays, errors, and objects with a `nodejs.util.inspect.custom` method (the
 * library's arrays and graph values print their own text). Written here because the npm ports of
 * `util.inspect` follow older Node output; the rules below are Node 20's (breakLength 80, compact 3).
 */

const CUSTOM = Symbol.for("nodejs.util.inspect.custom");
const BREAK_LENGTH = 80;
const MAX_ARRAY = 100;
const MAX_DEPTH = 2;

function quote(s: string): string {
  const q = !s.includes("'") ? "'" : !s.includes('"') ? '"' : !s.includes("`") ? "`" : "'";
  const escaped = s.replace(/[\\\n\t\r\b\f\v]/g, (c) => ({ "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f", "\v": "\\v" })[c]!);
  return q + (q === "'" ? escaped.replace(/'/g, "\\'") : escaped) + q;
}

function key(k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k);
}

interface Formatted {
  text: string;
  /** Levels of objects entered below this one (0 for a primitive or an object of primitives). */
  depth: number;
  /** True for an array or object whose entries were formatted (not a placeholder such as [Object]). */
  entered?: boolean;
}

/** Node's column layout for arrays of more than six short entries. */
function groupColumns(entries: string[], numeric: boolean, indent: number): string[] {
  const lengths = entries.map((e) => e.length);
  const sep = 2;
  const total = lengths.reduce((s, l) => s + l + sep, 0);
  const maxLength = Math.max(...lengths);
  const widest = maxLength + sep;
  if (!(widest * 3 + indent < BREAK_LENGTH && (total / widest > 5 || maxLength <= 6))) return entries;
  const bias = Math.sqrt(widest - total / entries.length);
  const biased = Math.max(widest - 3 - bias, 1);
  const columns = Math.min(Math.round(Math.sqrt(2.5 * biased * entries.length) / biased), Math.floor((BREAK_LENGTH - indent) / widest), 12, 15);
  if (columns <= 1) return entries;
  const colWidth: number[] = [];
  for (let c = 0; c < columns; c++) {
    let w = 0;
    for (let j = c; j < entries.length; j += columns) w = Math.max(w, lengths[j]);
    colWidth.push(w + sep);
  }
  const rows: string[] = [];
  for (let i = 0; i < entries.length; i += columns) {
    const end = Math.min(i + columns, entries.length);
    let row = "";
    for (let j = i; j < end - 1; j++) row += numeric ? `${entries[j]}, `.padStart(colWidth[j - i]) : `${entries[j]}, `.padEnd(colWidth[j - i]);
    row += numeric ? entries[end - 1].padStart(colWidth[end - 1 - i] - sep) : entries[end - 1];
    rows.push(row);
  }
  return rows;
}

function join(prefix: string, open: string, close: string, entries: string[], depth: number, indent: number, grouped: boolean): string {
  const head = prefix ? `${prefix} ` : "";
  if (entries.length === 0) return `${head}${open}${close}`;
  if (!grouped && depth < 3) {
    const start = entries.length + indent + open.length + prefix.length + 10;
    const length = entries.reduce((s, e) => s + e.length, start + entries.length);
    const line = entries.join(", ");
    if (length <= BREAK_LENGTH && !line.includes("\n")) return `${head}${open} ${line} ${close}`;
  }
  const pad = `\n${" ".repeat(indent)}`;
  return `${head}${open}${pad}  ${entries.join(`,${pad}  `)}${pad}${close}`;
}

function formatValue(value: unknown, level: number, indent: number, seen: object[]): Formatted {
  if (typeof value === "string") return { text: level === 0 ? value : quote(value), depth: 0 };
  if (typeof value === "number") return { text: Object.is(value, -0) ? "-0" : String(value), depth: 0 };
  if (typeof value === "bigint") return { text: `${value}n`, depth: 0 };
  if (value === null || typeof value !== "object" && typeof value !== "function") return { text: String(value), depth: 0 };
  if (typeof value === "function") {
    const isClass = /^class\b/.test(Function.prototype.toString.call(value));
    return { text: isClass ? `[class ${value.name || "(anonymous)"}]` : `[Function: ${value.name || "(anonymous)"}]`.replace(": (anonymous)]", " (anonymous)]"), depth: 0 };
  }
  const custom = (value as { [CUSTOM]?: unknown })[CUSTOM];
  if (typeof custom === "function") {
    const r = custom.call(value, MAX_DEPTH - level, {}, (v: unknown) => formatValue(v, level + 1, indent, seen).text);
    return typeof r === "string" ? { text: r, depth: 0 } : formatValue(r, level, indent, seen);
  }
  if (seen.includes(value)) return { text: "[Circular *1]", depth: 0 };
  if (value instanceof Error) return { text: value.stack ?? `${value.name}: ${value.message}`, depth: 0 };
  if (level > MAX_DEPTH) return { text: Array.isArray(value) ? "[Array]" : "[Object]", depth: 0 };
  seen.push(value);
  try {
    const inner = (v: unknown) => formatValue(v, level + 1, indent + 2, seen);
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const list = value as ArrayLike<unknown>;
      const shown = Math.min(list.length, MAX_ARRAY);
      const parts: Formatted[] = [];
      for (let i = 0; i < shown; i++) parts.push(i in (list as object) ? inner(list[i]) : { text: "<1 empty item>", depth: 0 });
      let entries = parts.map((p) => p.text);
      const depth = parts.reduce((d, p) => Math.max(d, p.entered ? p.depth + 1 : 0), 0);
      const numeric = Array.from({ length: shown }, (_, i) => typeof list[i] === "number" || typeof list[i] === "bigint").every(Boolean);
      const before = entries.length;
      if (entries.length > 6) entries = groupColumns(entries, numeric, indent);
      if (list.length > shown) entries.push(`... ${list.length - shown} more item${list.length - shown > 1 ? "s" : ""}`);
      const prefix = Array.isArray(value) ? "" : `${value.constructor.name}(${list.length})`;
      return { text: join(prefix, "[", "]", entries, depth, indent, entries.length !== before), depth, entered: true };
    }
    const entries: string[] = [];
    let depth = 0;
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      const f = inner(v);
      depth = Math.max(depth, f.entered ? f.depth + 1 : 0);
      entries.push(`${key(k)}: ${f.text}`);
    }
    const proto = Object.getPrototypeOf(value);
    const name = proto === null ? "[Object: null prototype]" : proto === Object.prototype ? "" : proto.constructor?.name ?? "";
    if (value instanceof Map) return { text: join(`Map(${value.size})`, "{", "}", [...value].map(([k, v]) => `${inner(k).text} => ${inner(v).text}`), 1, indent, false), depth: 1, entered: true };
    if (value instanceof Set) return { text: join(`Set(${value.size})`, "{", "}", [...value].map((v) => inner(v).text), 1, indent, false), depth: 1, entered: true };
    return { text: join(name, "{", "}", entries, depth, indent, false), depth, entered: true };
  } finally {
    seen.pop();
  }
}

/** One value as `util.inspect` shows it (strings quoted). */
export function inspect(value: unknown): string {
  return typeof value === "string" ? quote(value) : formatValue(value, 0, 0, []).text;
}

/** The line console.log writes for its arguments (`util.format`): strings as they are, the rest inspected. */
export function formatLogArguments(args: unknown[]): string {
  let first = 0;
  let head = "";
  if (typeof args[0] === "string" && /%[sdifjoOc%]/.test(args[0]) && args.length > 1) {
    let next = 1;
    head = args[0].replace(/%([sdifjoOc%])/g, (all, c: string) => {
      if (c === "%") return "%";
      if (next >= args.length) return all;
      const a = args[next++];
      if (c === "s") return typeof a === "string" ? a : formatValue(a, 1, 0, []).text;
      if (c === "d" || c === "i") return String(c === "i" ? parseInt(String(a)) : Number(a));
      if (c === "f") return String(parseFloat(String(a)));
      if (c === "j") return JSON.stringify(a);
      if (c === "c") return "";
      return inspect(a);
    });
    first = next;
    return [head, ...args.slice(first).map((a) => formatValue(a, 0, 0, []).text)].join(" ");
  }
  return args.map((a) => formatValue(a, 0, 0, []).text).join(" ");
}
