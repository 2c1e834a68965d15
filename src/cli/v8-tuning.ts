/**
 * V8 settings for the `dtbd` process, applied before any command's code runs hot.
 *
 * No TurboFan inlining: a consolidation is a short run (about 2 s for 1,000 forms) through
 * many medium-sized functions (the reader, the checks), and every lane of the pool compiles
 * its own copy of them. With inlining, V8 spent more CPU compiling the inlined graphs, and
 * compiling them again after deoptimisations, than the optimised code saved. Measured in
 * interleaved runs on 2 cores (docs/performance.md has the numbers). Flags are per process, so
 * the pool's threads get it too. DTBD_V8_DEFAULTS=1 keeps V8's defaults (the benchmark
 * measures both).
 */
import v8 from "node:v8";

export const V8_FLAGS = ["--no-turbo-inlining"];

if (!process.env.DTBD_V8_DEFAULTS) for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
