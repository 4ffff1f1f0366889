#!/usr/bin/env node
// The `gateway` command's launcher: npm links this file as `gateway` (and
// makes a `.cmd` shim for it on Windows), so it must be plain JavaScript.
// It teaches Node to load TypeScript through tsx, then runs the CLI.
import { register } from "tsx/esm/api";

register();
const { main } = await import(new URL("../gateway/cli/main.ts", import.meta.url).href);
await main(process.argv.slice(2));
