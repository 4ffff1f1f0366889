/**
 * Tasks that run one at a time, in the order they were given: each starts
 * once the one before has settled, whether it succeeded or failed.
 *
 * Two clicks on the instructor's page, or two learners' checks sent to one
 * test runner, arrive together; run side by side they would leave two
 * presentations running, or two test runs reading each other's files.
 *
 * @example
 * const line = new InTurn();
 * const result = await line.run(() => runTests()); // waits for the run before it
 * await line.settled(); // every task given so far has settled
 */
export class InTurn {
  /** The last task given, its failure caught: a failed task must not stop the ones after it. */
  #last: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#last.then(task);
    this.#last = result.catch(() => {});
    return result;
  }

  /** Resolves once every task given so far has settled; never rejects. */
  settled(): Promise<unknown> {
    return this.#last;
  }
}
