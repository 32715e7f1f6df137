/**
 * The ONE way the export turns TeX into plain text, used by the anchors step (heading slugs) and the search step
 * (readable section text): `\sigma(z)` -> `σ(z)`, `\frac{1}{1 + e^{-z}}` -> `1/(1 + e^(-z))`, `\hat{y}` -> `ŷ`.
 * For slugs, Greek letters come out as their names (`$\alpha$` -> `alpha`, something a reader can type in a URL)
 * and other commands (`\partial`, `\sum`, `\log`) drop out, their arguments kept.
 */

const SYMBOLS: Readonly<Record<string, string>> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  epsilon: "ε",
  varepsilon: "ε",
  zeta: "ζ",
  eta: "η",
  theta: "θ",
  vartheta: "ϑ",
  iota: "ι",
  kappa: "κ",
  lambda: "λ",
  mu: "μ",
  nu: "ν",
  xi: "ξ",
  pi: "π",
  rho: "ρ",
  sigma: "σ",
  tau: "τ",
  upsilon: "υ",
  phi: "φ",
  varphi: "φ",
  chi: "χ",
  psi: "ψ",
  omega: "ω",
  Delta: "Δ",
  Sigma: "Σ",
  nabla: "∇",
  partial: "∂",
  cdot: "·",
  times: "×",
  le: "≤",
  leq: "≤",
  ge: "≥",
  geq: "≥",
  approx: "≈",
  to: "→",
  infty: "∞",
  sum: "Σ",
  log: "log",
};

/** Greek letters (lower and upper case) by name: kept as words in slugs. */
const GREEK = new Set(
  "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi varphi chi psi omega".split(
    " ",
  ),
);

// Commands whose argument is the text itself (`\mathcal{L}` -> `L`).
const WRAPPERS = "mathcal|mathbf|mathrm|mathit|boldsymbol|text|textbf|operatorname|vec|bar|tilde|overline";
const group = (s: string) => (/^[\p{L}\p{N}]+$|^\(.*\)$/u.test(s) ? s : `(${s})`);

/** How a TeX command name comes out: its symbol, or for slugs a Greek letter's name. */
type Naming = "symbols" | "slug";

function commandText(name: string, naming: Naming): string {
  if (naming === "slug") return GREEK.has(name.toLowerCase()) ? ` ${name} ` : " ";
  return SYMBOLS[name] ?? "";
}

/** One TeX formula as plain text. */
export function texFormulaToText(tex: string, naming: Naming = "symbols"): string {
  let s = tex.replace(/\\[,;:! ]/g, " ").replace(/\\(left|right|big|Big|bigg|Bigg)\b/g, "");
  // Innermost groups first, until no simple group is left (nested fractions and exponents unfold outwards).
  for (let before = ""; before !== s;) {
    before = s;
    s = s
      .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, (_, a: string, b: string) => `${group(a.trim())}/${group(b.trim())}`)
      .replace(/\\hat\{([^{}]*)\}/g, (_, a: string) => (naming === "slug" ? a : `${a}\u0302`))
      .replace(new RegExp(`\\\\(?:${WRAPPERS})\\{([^{}]*)\\}`, "g"), "$1")
      .replace(/([\^_])\{([^{}]*)\}/g, (_, op: string, a: string) => `${op}${group(a.trim())}`);
  }
  return s
    .replace(/[{}]/g, "")
    .replace(/\\([A-Za-z]+)/g, (_, name: string) => commandText(name, naming))
    .replace(/\\./g, "")
    .replace(/\s+/g, " ")
    .trim()
    .normalize("NFC"); // y + combining circumflex -> ŷ, the letter a reader would type
}

/**
 * Text with each TeX span (`$$...$$`, `$...$`, `\(...\)`) made plain text (see {@link texFormulaToText}); an
 * escaped dollar `\$` becomes `$`.
 */
export function texToText(text: string, naming: Naming = "symbols"): string {
  // slugs: a formula is a word of its own (`$m$examples` must not glue); search text keeps the spacing as written
  const plain = (_: string, tex: string) =>
    naming === "slug" ? ` ${texFormulaToText(tex, naming)} ` : texFormulaToText(tex, naming);
  return text
    .replace(/(?<!\\)\$\$([\s\S]+?)\$\$/g, plain)
    .replace(/(?<!\\)\$((?:[^$\\]|\\.)+?)\$/g, plain)
    .replace(/\\\(([\s\S]+?)\\\)/g, plain)
    .replace(/\\\$/g, "$");
}
