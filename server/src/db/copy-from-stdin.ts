import type pg from 'pg';

type Connection = {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
};

/**
 * `COPY … FROM STDIN` through a plain pg client, without pg-copy-streams: pg hands any object with
 * `submit` the protocol messages of its statement, and COPY needs only four of them. The chunks are
 * handed over ready-made (ingestion encodes its rows first; a benchmark can time PostgreSQL alone).
 */
class CopyFromStdin {
  private settled = false;
  private error: Error | undefined;
  private rows = 0;
  private readonly done: { resolve(rows: number): void; reject(error: Error): void };

  constructor(
    private readonly text: string,
    private readonly chunks: readonly Buffer[],
    done: { resolve(rows: number): void; reject(error: Error): void },
  ) {
    this.done = done;
  }

  submit(connection: Connection) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection) {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }) {
    // "COPY 50000": the server's own count of the rows it stored.
    this.rows = Number(message.text?.split(' ').at(-1) ?? 0);
  }

  // pg forgets the active statement when the server reports an error, so its ReadyForQuery never
  // reaches this object: settle now. pg itself holds the next statement back until ReadyForQuery.
  handleError(error: Error) {
    this.error = error;
    this.handleReadyForQuery();
  }

  // A successful statement is over only at ReadyForQuery; resolving earlier would let the caller's
  // next query interleave with the end of this one.
  handleReadyForQuery() {
    if (this.settled) return;
    this.settled = true;
    if (this.error) this.done.reject(this.error);
    else this.done.resolve(this.rows);
  }

  // Messages a COPY FROM never receives; pg calls them on any submittable, so they must exist.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Runs one `COPY table (…) FROM STDIN` with the given text-format chunks; resolves to the row count. */
export const copyFromStdin = (client: pg.ClientBase, text: string, chunks: readonly Buffer[]): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    client.query(new CopyFromStdin(text, chunks, { resolve, reject }) as unknown as pg.QueryConfig);
  });
