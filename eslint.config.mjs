// ESLint (flat config): JS and TypeScript recommended rules everywhere; the Office add-in
// rules (load before read, sync after load, no sync in loops, isNullObject tests) on the
// code that talks to Office.js.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";

export default tseslint.config(
  {
    // Build output, caches and generated corpora; *.tmp.* are scratch files (.gitignore).
    ignores: ["node_modules/", "dist/", "lib/", "out/", "coverage/", ".cache/", "test-artifacts/", "bench/.corpus/", "**/*.tmp.*", "**/*.min.js", "src/core/form/schema-check.generated.ts"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Excel hands custom functions untyped 2-D arrays.
      "@typescript-eslint/no-explicit-any": "off",
      // Text cleaning matches control characters and combining marks on purpose.
      "no-control-regex": "off",
      "no-misleading-character-class": "off",
      // The binary readers write "(a = x), (b += 8)" sequences; the rule cannot tell them apart.
      "@typescript-eslint/no-unused-expressions": "off",
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
      "no-eval": "error",
      "no-new-func": "error",
      "no-implied-eval": "error",
    },
  },
  {
    files: ["**/*.cjs", "webpack.config.js", "bin/**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/office/**", "src/taskpane/**", "src/functions/**"],
    plugins: { "office-addins": officeAddins },
    languageOptions: {
      globals: { ...globals.browser, Office: "readonly", Excel: "readonly", OfficeExtension: "readonly", CustomFunctions: "readonly" },
    },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "warn",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  {
    files: ["src/office/*.cjs"],
    languageOptions: { globals: { ...globals.browser, queueMicrotask: "readonly" } },
  },
);
