/**
 * The learner's saves, for every live page open at once.
 *
 * The home watches `starter/` with the very watcher `npm run learn` uses
 * (learn/file-watch.ts), and only while someone listens: the first live
 * page that opens starts it, the last that closes stops it. So a home with
 * no exercise page open watches nothing and runs nothing.
 *
 * @example
 * const feed = new SaveFeed(path.join(root, "starter"));
 * const stop = feed.subscribe((files) => console.log("saved", files));
 * stop(); // the last listener gone: the watcher closes
 */
import { type Watcher, watchTree } from "../learn/file-watch.ts";

/** Starts watching a tree, calling back with the files saved in each burst. */
export type WatchTree = (tree: string, onChange: (files: string[]) => void) => Watcher;

/** One watcher of a tree, shared by its listeners. */
export class SaveFeed {
  readonly #tree: string;
  readonly #watch: WatchTree;
  readonly #listeners = new Set<(files: string[]) => void>();
  #watcher: Watcher | undefined;

  constructor(tree: string, watch: WatchTree = watchTree) {
    this.#tree = tree;
    this.#watch = watch;
  }

  /**
   * Calls `listener` after each burst of saves, until the returned function is called.
   * @example const unsubscribe = feed.subscribe(() => rerun());
   */
  subscribe(listener: (files: string[]) => void): () => void {
    // A function of its own per subscription, so one listener given twice counts twice.
    const own = (files: string[]) => listener(files);
    this.#listeners.add(own);
    this.#watcher ??= this.#watch(this.#tree, (files) => {
      for (const each of [...this.#listeners]) each(files);
    });
    return () => {
      this.#listeners.delete(own);
      if (this.#listeners.size > 0) return;
      this.#watcher?.close();
      this.#watcher = undefined;
    };
  }

  /** True while some page listens (and so the tree is watched). */
  get watching(): boolean {
    return this.#watcher !== undefined;
  }
}
