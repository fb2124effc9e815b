// The architecture of docs/design.md as rules, checked by `npm run lint` (dependency-cruiser):
// data flows one way (input -> store -> solver -> output), nothing imports upward, no import
// goes round in a circle, and the store has one door (src/store/index.ts).
// .dependency-cruiser-known-violations.json lists violations to ignore; it is empty since the
// runner work of issue #14 (the runner out of the store, the queue worker no longer importing
// the CLI, the validated roster write in src/run). A new violation fails the lint.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "An import cycle ties modules into one: split out what both sides need.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "solver-stands-alone",
      comment:
        "solver/ knows nothing of files, databases, queues or HTTP: it takes an instance and returns a result (design.md). " +
        "It reads the problem and roster types of src/domain (its input and output), and nothing else of src.",
      severity: "error",
      from: { path: "^solver/" },
      to: { path: "^(src/(?!domain/)|workers/|fixtures/|benchmarks/|tests/|scripts/)" },
    },
    {
      name: "domain-and-io-below-the-service",
      comment:
        "src/domain and src/io are the data and its formats: they never reach for the store, the runners, the API or the CLI.",
      severity: "error",
      from: { path: "^src/(domain|io)/" },
      to: { path: "^(src/(store|run|district|enroll|api|cli)|workers)/" },
    },
    {
      name: "domain-below-io",
      comment: "src/domain is plain data and rules on it; formats (src/io) build on it, not the other way.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { path: "^src/io/" },
    },
    {
      name: "store-below-its-users",
      comment:
        "src/store owns the database and nothing more: the runners, reports, the API and the CLI use it, never the reverse.",
      severity: "error",
      from: { path: "^src/store/" },
      to: { path: "^(src/(run|report|district|enroll|api|cli)|workers)/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "store-has-one-door",
      comment:
        "Outside src/store, the store is used through src/store/index.ts only (its unit tests in tests/store aside).",
      severity: "error",
      from: { path: "^(src|workers|benchmarks|scripts|tests)/", pathNot: "^(src/store|tests/store)/" },
      to: { path: "^src/store/", pathNot: "^src/store/index\\.ts$" },
    },
    {
      name: "cli-on-top",
      comment: "The command line is the top layer: nothing but the CLI itself (and its tests) imports src/cli.",
      severity: "error",
      from: { path: "^(src|workers|solver)/", pathNot: "^src/cli/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "api-below-the-cli",
      comment: "The HTTP API is started by the CLI; below it, nothing imports src/api.",
      severity: "error",
      from: { path: "^(src|workers|solver)/", pathNot: "^src/(api|cli)/" },
      to: { path: "^src/api/" },
    },
    {
      name: "product-not-on-tests",
      comment: "The product never imports its tests, benchmarks or development scripts.",
      severity: "error",
      from: { path: "^(src|solver|workers|fixtures|bin)/" },
      to: { path: "^(tests|benchmarks|scripts)/" },
    },
    {
      name: "no-unresolvable",
      comment: "An import that resolves to nothing is a typo or a missing dependency.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|out|tmp|data|benchmarks/results|benchmarks/cache)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      extensions: [".ts", ".mjs", ".js", ".json"],
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types"],
    },
    skipAnalysisNotInRules: true,
  },
};
