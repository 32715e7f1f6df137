// Lint rules for every TypeScript and JavaScript file we write (library, tooling, export, runner, tests, bench).
// `npm run lint` runs ESLint and Prettier's check; CI runs it as part of `npm test`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "build/",
      "site/",
      ".venv/",
      "**/*.min.js",
      "export/jupyter/build/",
      "lite/labextension/",
      "lite/lib/",
      "**/*.d.ts",
      "**/*.d.mts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Unused names are mistakes, except deliberately ignored ones (leading underscore).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // The library's shape types need `{}`-free generics but tests sometimes need `any` at boundaries: warn, don't fail.
      "@typescript-eslint/no-explicit-any": "warn",
      // `require` is how tslab and the Node10 resolution load packages in a few places.
      "@typescript-eslint/no-require-imports": "off",
      // Flags a default assigned before a try/loop that may overwrite it, which is how the code states the default.
      "no-useless-assignment": "off",
      // Error's `cause` option needs lib ES2022; the library targets ES2021 (tslab's TypeScript 5.0).
      "preserve-caught-error": "off",
    },
  },
);
