/**
 * The results of a live query as an async iterable that holds at most one unread result, the newest.
 * Each live query result is the whole answer, not a change to the one before, so a reader that falls
 * behind loses nothing by skipping to the newest, and a slow reader cannot make the queue grow.
 */
export class NewestResult<T> implements AsyncIterable<T> {
  private unread: { value: T } | undefined;
  private failure: Error | undefined;
  private ended = false;
  private wake: (() => void) | undefined;

  constructor(private readonly onClose: () => void = () => {}) {}

  /** A result arrived: it replaces any the reader has not taken yet. */
  push(value: T) {
    this.unread = { value };
    this.notify();
  }

  /** The stream failed: the reader gets any unread result, then the error. */
  fail(error: Error) {
    this.failure = error;
    this.notify();
  }

  /** The reader is done (or the stream ended): iteration stops after any unread result. */
  close() {
    if (this.ended) return;
    this.ended = true;
    this.onClose();
    this.notify();
  }

  /** Whether a result is waiting to be read (0 or 1). */
  get pending(): number {
    return this.unread ? 1 : 0;
  }

  private notify() {
    this.wake?.();
    this.wake = undefined;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: async (): Promise<IteratorResult<T>> => {
        for (;;) {
          if (this.unread) {
            const { value } = this.unread;
            this.unread = undefined;
            return { value, done: false };
          }
          if (this.failure) {
            const failure = this.failure;
            this.close();
            throw failure;
          }
          if (this.ended) return { value: undefined, done: true };
          await new Promise<void>((r) => (this.wake = r));
        }
      },
      return: async () => {
        this.close();
        return { value: undefined, done: true };
      },
    };
  }
}
