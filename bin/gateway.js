#!/usr/bin/env node
// The `gateway` command's launcher: npm links this file as `gateway` (and
// makes a `.cmd` shim for it on Windows), so it must be plain JavaScript.
// It teaches Node to load TypeScript through tsx, then runs the CLI.
// Both of tsx's loaders, as `node --import tsx` registers them: an app file
// in a folder whose package.json does not say "type": "module" (or that
// has none, like a learner's new folder) is CommonJS to Node, and only
// tsx's CommonJS loader compiles it.
import { register as registerCommonJS } from "tsx/cjs/api";
import { register } from "tsx/esm/api";

register();
registerCommonJS();
const { main } = await import(new URL("../gateway/cli/main.ts", import.meta.url).href);
await main(process.argv.slice(2));
