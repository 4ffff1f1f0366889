/**
 * The store: past errors, each viewable at its own URL while the process lives.
 *
 * An error is often noticed late: the page was closed, or the error came
 * after the headers went out and the browser saw only a cut connection. So
 * reports are kept, numbered, and served again at
 * `/__debugger__/errors/<id>`. Each holds its frames' locals, and so keeps
 * those objects alive: the store is bounded, and drops the oldest report
 * when a new one would go past the limit.
 *
 * @example
 * const store = new ReportStore(20);
 * const report = store.add(makeReport(error, capture, environ));
 * store.get(report.id) === report; // true, until 20 newer errors came
 */
import type { Report } from "./report.ts";

/** A bounded, numbered collection of reports, oldest dropped first. */
export class ReportStore {
  /** A Map iterates in insertion order: its first key is the oldest report. */
  readonly #reports = new Map<number, Report>();
  #lastId = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`the debugger must keep at least 1 error (keep: ${limit})`);
    }
  }

  /**
   * Numbers and keeps a report, dropping the oldest past the limit.
   * @example store.add(details).id; // 1, then 2, ...
   */
  add(details: Omit<Report, "id">): Report {
    this.#lastId += 1;
    const report: Report = { id: this.#lastId, ...details };
    this.#reports.set(report.id, report);
    for (const oldest of this.#reports.keys()) {
      if (this.#reports.size <= this.limit) break;
      this.#reports.delete(oldest);
    }
    return report;
  }

  /**
   * The report with this id, unless it was dropped.
   * @example store.get(3)?.message;
   */
  get(id: number): Report | undefined {
    return this.#reports.get(id);
  }

  /**
   * The reports kept, newest first.
   * @example store.list().map((report) => report.id); // [5, 4, 3]
   */
  list(): Report[] {
    return [...this.#reports.values()].reverse();
  }
}
