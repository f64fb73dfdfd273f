import { createPubSub } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import type { DatasetImportProgressEvent, PubSubEvents } from '../../pubsub/events.js';
import { importProgressPublisher, PROGRESS_INTERVAL_MS } from './import-progress-publisher.js';

describe('importProgressPublisher', () => {
  it('sends the first event, then at most one per interval, and always the final one', async () => {
    const pubsub = createPubSub<PubSubEvents>();
    const received: DatasetImportProgressEvent[] = [];
    const events = pubsub.subscribe('datasetImportProgress', 'project');
    const reading = (async () => {
      for await (const event of events) {
        received.push(event);
        if (event.status !== 'RUNNING') return;
      }
    })();
    let clock = 1_000;
    const publisher = importProgressPublisher(pubsub, { projectId: 'project', datasetId: 'd', importId: 'i' }, () => clock);
    const at = (rows: number) => ({ rows, imported: rows, failed: 0 });
    publisher.progress(at(0));
    clock += PROGRESS_INTERVAL_MS - 1;
    publisher.progress(at(500));
    clock += 1;
    publisher.progress(at(1000));
    clock += 10;
    publisher.progress(at(1500));
    publisher.finished('SUCCEEDED', at(1600));
    await reading;
    expect(received.map((e) => [e.status, e.rowsRead])).toEqual([
      ['RUNNING', 0],
      ['RUNNING', 1000],
      ['SUCCEEDED', 1600],
    ]);
    expect(received[2]).toEqual({
      importId: 'i',
      datasetId: 'd',
      status: 'SUCCEEDED',
      rowsRead: 1600,
      rowsImported: 1600,
      rowsRejected: 0,
    });
  });
});
