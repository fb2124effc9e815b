// ESLint (flat config): the recommended JavaScript and typescript-eslint rules, with the few
// tunings below, each with its reason. Formatting is Prettier's (eslint-config-prettier turns
// off the rules it owns); layers and import cycles are dependency-cruiser's (.dependency-cruiser.cjs).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "out/", "tmp/", "data/", "benchmarks/results/", "benchmarks/cache/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // An argument or binding kept for its position (a callback's, a destructured tuple's) is named with a leading underscore.
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          caughtErrors: "none",
        },
      ],
    },
  },
  {
    // Tests and benchmarks read JSON bodies of HTTP replies whose shape the assertions themselves
    // check: typing each as unknown would only add a cast per assertion.
    files: ["tests/**", "benchmarks/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The workspace runs in the browser: plain ES modules, no build step.
    files: ["web/**"],
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
);
