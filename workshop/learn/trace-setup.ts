/**
 * Tracing for one run of exercise tests: a setup file that `npm run learn`'s
 * runner loads into every test's thread (see run-test.ts and trace-switch.ts).
 *
 * The runner starts its threads once, with the same environment for every
 * run; a run that wants traces (the exercise page's "Show the trace") writes
 * the path of a fresh trace file into the switch file first. This file reads
 * the switch before the test loads any of the gateway, so the tracer
 * (../../gateway/trace/tracer.ts) starts with `GATEWAY_TRACE_FILE` set, and
 * every request the test sends through the gateway ends up in that file.
 *
 * Without `LEARN_TRACE_SWITCH` (an ordinary `npm test`), or with the switch
 * off, the file does nothing and the gateway is not traced.
 *
 * @example
 * // In the runner's Vitest options:
 * // setupFiles: [traceSetupFile], env: { LEARN_TRACE_SWITCH: traceSwitch.file }
 */
import { readTraceSwitch } from "./trace-switch.ts";

const file = readTraceSwitch(process.env.LEARN_TRACE_SWITCH);
if (file !== undefined) process.env.GATEWAY_TRACE_FILE = file;
