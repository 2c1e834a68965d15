import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // The worker pool's tests inject faults into its threads from test code (see the file).
    execArgv: ["--require", fileURLToPath(new URL("./tests/helpers/pool-fault.cjs", import.meta.url))],
  },
});
