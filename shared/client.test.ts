import { describe, expect, it } from 'vitest';
import { SolverClient } from './client.ts';
import type { Endpoint } from './protocol.ts';
import { handleMessage } from './service.ts';
import { DEFAULT_OPTIMIZER } from './types.ts';

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

describe('big problems cross once', () => {
  // A 60 × 60 landscape: 3600 numbers, over the size that is sent once and then named.
  const xs = Array.from({ length: 60 }, (_, i) => i / 59 - 0.5);
  const grid = {
    kind: 'grid' as const,
    name: 'test landscape',
    xs,
    ys: xs,
    values: xs.flatMap((y) => xs.map((x) => x * x + 2 * y * y)),
  };
  const runs = [
    { id: 'a', params: { ...DEFAULT_OPTIMIZER, lr: 0.1 }, start: [0.4, 0.4], steps: 20 },
  ];

  function recording(forget: () => boolean = () => false) {
    const posted: Record<string, unknown>[] = [];
    let deliver: (m: unknown) => void = () => {};
    const endpoint: Endpoint = {
      post: (message) => {
        posted.push(message as Record<string, unknown>);
        const m = message as { problem: { kind: string; ref?: string } };
        // A worker that lost what it kept: the same message, renamed so nothing matches.
        const asked =
          m.problem.kind === 'ref' && forget()
            ? { ...m, problem: { kind: 'ref', ref: 'gone' } }
            : message;
        queueMicrotask(() => deliver(handleMessage(asked).response));
      },
      listen: (handler) => {
        deliver = handler;
      },
    };
    return { endpoint, posted };
  }

  it('sends the grid with a name once, then the name only, with the same answers', async () => {
    const { endpoint, posted } = recording();
    const client = new SolverClient(endpoint);
    const first = await client.request({ type: 'trajectories', problem: grid, runs });
    const second = await client.request({ type: 'trajectories', problem: grid, runs });
    expect(first.status).toBe('ok');
    expect(second.status).toBe('ok');
    if (first.status !== 'ok' || second.status !== 'ok') return;
    expect(Array.from(second.result.trajectories[0]!.data)).toEqual(
      Array.from(first.result.trajectories[0]!.data),
    );
    const [a, b] = posted as [
      { problem: { kind: string }; keep?: string },
      { problem: { kind: string; ref?: string }; keep?: string },
    ];
    expect(a.problem.kind).toBe('grid');
    expect(typeof a.keep).toBe('string');
    expect(b.problem).toEqual({ kind: 'ref', ref: a.keep });
    // A small problem always travels whole.
    await client.request(describeBowl);
    expect((posted[2] as { problem: unknown }).problem).toEqual({ kind: 'surface', id: 'bowl' });
  });

  it('sends the problem again when the worker no longer holds it, unseen by the caller', async () => {
    let lose = false;
    const { endpoint, posted } = recording(() => lose);
    const client = new SolverClient(endpoint);
    expect((await client.request({ type: 'describe', problem: grid })).status).toBe('ok');
    lose = true;
    const again = client.request({ type: 'describe', problem: grid });
    lose = false;
    const outcome = await again;
    expect(outcome.status).toBe('ok');
    const kinds = posted.map((m) => (m.problem as { kind: string }).kind);
    expect(kinds).toEqual(['grid', 'ref', 'grid']);
    expect(client.inFlight).toBe(0);
  });
});
