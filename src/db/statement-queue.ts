/**
 * The statements of one transaction that carry a lot of data, each sent once the one before it
 * has finished, and each built while the one before it runs: the caller builds a statement (encodes
 * thousands of rows), hands it over, and builds the next while the server works. A connection runs
 * one statement at a time, so without this the server waits for every encoding and the encoding
 * for every statement. `settled()` waits for the last one and throws the first failure.
 *
 * @example
 * const queue = new StatementQueue();
 * for (const part of parts) await queue.send(() => statementOf(part).execute(trx)); // returns once sent
 * await queue.settled();
 */
export class StatementQueue {
  private last: Promise<unknown> | undefined;

  /** Runs `statement` after the one before it, and returns once it is on its way to the server. */
  async send(statement: () => Promise<unknown>): Promise<void> {
    await this.last;
    const running = statement();
    // Awaited by the next send or by `settled`; handled from now on, so that a failure that comes
    // back before then is not taken for a rejection nobody hears.
    running.catch(() => undefined);
    this.last = running;
    await sentOff();
  }

  /** Resolves when every statement sent has finished; rejects with the failure of the last. */
  async settled(): Promise<void> {
    const last = this.last;
    this.last = undefined;
    await last;
  }
}

/**
 * Resolves once the statements started before it are on their way to the server (the driver sends
 * a statement a few promise steps after it is started): work done after it overlaps theirs.
 */
function sentOff(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
