import { describe, expect, it } from 'vitest';
import { SolverClient } from './client.ts';
import type { Endpoint } from './protocol.ts';
import { handleMessage } from './service.ts';

/** An in-process endpoint whose answers are held until `flush` delivers them in a chosen order. */
function heldEndpoint() {
  let deliver: (m: unknown) => void = () => {};
  const held: unknown[] = [];
  const endpoint: Endpoint = {
    post: (message) => held.push(handleMessage(message).response),
    listen: (handler) => {
      deliver = handler;
    },
  };
  const flush = (order: 'fifo' | 'lifo' = 'fifo') => {
    const batch = held.splice(0);
    for (const m of order === 'fifo' ? batch : batch.reverse()) deliver(m);
  };
  return { endpoint, flush };
}

const describeBowl = { type: 'describe', problem: { kind: 'surface', id: 'bowl' } } as const;

describe('SolverClient', () => {
  it('delivers the answer to a single request', async () => {
    const { endpoint, flush } = heldEndpoint();
    const client = new SolverClient(endpoint);
    const pending = client.request(describeBowl);
    flush();
    const outcome = await pending;
    expect(outcome.status).toBe('ok');
    if (outcome.status === 'ok') expect(outcome.result.variables).toEqual(['x', 'y']);
    expect(client.inFlight).toBe(0);
  });

  it('keeps one request in flight per channel and replaces the one waiting behind it', async () => {
    const { endpoint, flush } = heldEndpoint();
    const sent: number[] = [];
    const counting: Endpoint = {
      post: (message, transfer) => {
        sent.push((message as { seq: number }).seq);
        endpoint.post(message, transfer);
      },
      listen: endpoint.listen,
    };
    const client = new SolverClient(counting);
    const first = client.request(describeBowl, 'drag');
    const second = client.request(describeBowl, 'drag');
    const third = client.request(describeBowl, 'drag');
    // Only the first went to the worker; the second was replaced before it could be sent.
    expect(sent).toEqual([1]);
    expect((await second).status).toBe('stale');
    expect(client.inFlight).toBe(2);
    flush();
    expect((await first).status).toBe('ok');
    expect(sent).toEqual([1, 3]);
    flush();
    expect((await third).status).toBe('ok');
    expect(client.inFlight).toBe(0);
  });

  it('keeps channels independent', async () => {
    const { endpoint, flush } = heldEndpoint();
    const client = new SolverClient(endpoint);
    const a = client.request(describeBowl, 'a');
    const b = client.request(describeBowl, 'b');
    flush('lifo');
    expect((await a).status).toBe('ok');
    expect((await b).status).toBe('ok');
  });

  it('reports solver errors with the expression position', async () => {
    const { endpoint, flush } = heldEndpoint();
    const client = new SolverClient(endpoint);
    const pending = client.request({
      type: 'describe',
      problem: { kind: 'expression', source: 'x + foo(y)' },
    });
    flush();
    const outcome = await pending;
    expect(outcome.status).toBe('error');
    if (outcome.status === 'error') {
      expect(outcome.error.kind).toBe('expression');
      expect(outcome.error.position).toBe(4);
    }
  });
});

describe('SolverClient progress', () => {
  it('hands progress messages to its listener without resolving the request', async () => {
    let deliver: (m: unknown) => void = () => {};
    const endpoint: Endpoint = {
      post: () => {},
      listen: (handler) => {
        deliver = handler;
      },
    };
    const client = new SolverClient(endpoint);
    const seen: number[] = [];
    client.onProgress = (p) => seen.push(p.done / p.total);
    let settled = false;
    const pending = client.request(describeBowl).then((o) => {
      settled = true;
      return o;
    });
    deliver({ seq: 1, type: 'progress', done: 1, total: 4 });
    deliver({ seq: 1, type: 'progress', done: 2, total: 4 });
    await Promise.resolve();
    expect(seen).toEqual([0.25, 0.5]);
    expect(settled).toBe(false);
    expect(client.inFlight).toBe(1);
    deliver(handleMessage({ seq: 1, ...describeBowl }).response);
    expect((await pending).status).toBe('ok');
  });
});
