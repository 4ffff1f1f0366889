/**
 * Noticing when a learner saves a file under `starter/`.
 *
 * `fs.watch` with `recursive: true` works on Windows, macOS and (since Node
 * 19.1, so on every Node this workshop supports) Linux. Where it still fails
 * (an odd file system, inotify's limit reached) the watcher falls back to
 * polling every file's modification time, which is slower but always works.
 *
 * Editors save in bursts (write, rename, touch): changes are gathered for a
 * short moment and reported once.
 *
 * @example
 * const watcher = watchTree("starter", (files) => console.log("saved", files));
 * // ... later
 * watcher.close();
 */
import type { FSWatcher, Stats } from "node:fs";
import { readdirSync, unwatchFile, watch, watchFile } from "node:fs";
import path from "node:path";

/** A running watcher. */
export interface Watcher {
  close(): void;
}

/** How `watchTree` watches. */
export interface WatchOptions {
  /** How long to gather a burst of changes, in ms (default 60). */
  readonly debounceMs?: number;
  /** Poll modification times instead of asking the system (default: only when watching fails). */
  readonly poll?: boolean;
  /** How often to poll, in ms (default 300). */
  readonly pollIntervalMs?: number;
}

/**
 * Calls `onChange` with the changed files (relative to `directory`, with "/")
 * after each burst of changes; "" stands for a change the system did not name.
 *
 * @example
 * watchTree(path.join(root, "starter"), (files) => rerun(files), { debounceMs: 30 });
 */
export function watchTree(
  directory: string,
  onChange: (files: string[]) => void,
  options: WatchOptions = {},
): Watcher {
  const report = debounce(onChange, options.debounceMs ?? 60);
  const poll = () => pollTree(directory, report.add, options.pollIntervalMs ?? 300);
  let current: Watcher;
  if (options.poll) {
    current = poll();
  } else {
    try {
      current = systemWatch(directory, report.add, () => {
        current = poll();
      });
    } catch {
      current = poll();
    }
  }
  return {
    close() {
      current.close();
      report.cancel();
    },
  };
}

function systemWatch(
  directory: string,
  add: (file: string) => void,
  onFailure: () => void,
): Watcher {
  const watcher: FSWatcher = watch(directory, { recursive: true }, (_event, file) =>
    add(file === null ? "" : file.split(path.sep).join("/")),
  );
  watcher.on("error", () => {
    watcher.close();
    onFailure();
  });
  return watcher;
}

function pollTree(directory: string, add: (file: string) => void, interval: number): Watcher {
  const files = readdirSync(directory, { recursive: true, encoding: "utf8" });
  const listeners = files.map((file) => {
    const absolute = path.join(directory, file);
    const listener = (now: Stats, before: Stats) => {
      if (now.mtimeMs !== before.mtimeMs) add(file.split(path.sep).join("/"));
    };
    watchFile(absolute, { interval }, listener);
    return () => unwatchFile(absolute, listener);
  });
  return {
    close() {
      for (const stop of listeners) stop();
    },
  };
}

interface Debounced {
  add(file: string): void;
  cancel(): void;
}

function debounce(onChange: (files: string[]) => void, wait: number): Debounced {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  return {
    add(file) {
      pending.add(file);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const files = [...pending];
        pending.clear();
        onChange(files);
      }, wait);
    },
    cancel: () => clearTimeout(timer),
  };
}
