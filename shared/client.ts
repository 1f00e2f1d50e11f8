/**
 * The asking side of the protocol. Stamps each request with a sequence number and keeps the
 * worker from drowning in superseded work: on each channel (a slider drag sends one request per
 * input event on one channel) at most one request is in flight and at most one waits behind it.
 * A waiting request replaced by a newer one resolves as `stale` without ever being sent. Answers
 * on one channel therefore arrive in order, so an older result never overwrites a newer one.
 *
 * A big problem (an imported landscape's grid, a CSV's points) crosses to the worker once: the
 * first request carries it with a name to keep it under, later ones only the name (see
 * problemRefSchema). The name belongs to the problem object, so callers must treat a problem
 * they have sent as immutable (the app's store does). If the worker no longer holds it, the
 * request goes again with the problem itself, unseen by the caller.
 */
import type {
  Endpoint,
  ProgressMessage,
  RequestBody,
  RequestType,
  ResultMap,
  SolverError,
  SolverResponse,
  WireRequest,
} from './protocol.ts';
import type { ProblemSpec } from './schema.ts';

/** The outcome of one request. */
export type Outcome<T extends RequestType> =
  | { status: 'ok'; result: ResultMap[T] }
  | { status: 'error'; error: SolverError }
  | { status: 'stale' };

interface Entry {
  seq: number;
  channel: string;
  message: RequestBody & { seq: number };
  resolve: (outcome: Outcome<RequestType>) => void;
  /** The name the problem went by, when it was sent as a name only. */
  sentAs?: string;
}

/** Problems with more numbers than this are sent once and then named. */
const BIG_PROBLEM = 2000;

/** How many numbers a problem carries (a grid's values, a data set's points). */
function problemSize(problem: ProblemSpec): number {
  if (problem.kind === 'grid') return problem.values.length;
  if ((problem.kind === 'model' || problem.kind === 'mlp') && problem.data.kind === 'inline') {
    return problem.data.y.length * (problem.data.features + 1);
  }
  return 0;
}

let clients = 0;

export class SolverClient {
  private seq = 0;
  /** Requests sent and not yet answered, by sequence number. */
  private readonly pending = new Map<number, Entry>();
  /** Channels with a request in flight. */
  private readonly busy = new Set<string>();
  /** The newest request waiting on each busy channel. */
  private readonly waiting = new Map<string, Entry>();

  /** Names given to big problems, and those the worker has been sent (see the file comment). */
  private readonly names = new WeakMap<ProblemSpec, string>();
  private readonly held = new Set<string>();
  private named = 0;
  /** Unique across clients that might share a worker. */
  private readonly prefix = `c${++clients}-${Math.random().toString(36).slice(2, 8)}`;

  /** Told of progress on slow requests (see ProgressMessage); null: nobody listens. */
  onProgress: ((progress: ProgressMessage) => void) | null = null;

  constructor(private readonly endpoint: Endpoint) {
    endpoint.listen((message) => {
      const m = message as SolverResponse | ProgressMessage;
      if (m.type === 'progress') this.onProgress?.(m);
      else this.receive(m);
    });
  }

  /**
   * Sends a request, or queues it behind the one in flight on the same `channel` (default: the
   * request type), replacing any request already waiting there.
   */
  request<B extends RequestBody>(
    body: B,
    channel: string = body.type,
  ): Promise<Outcome<B['type']>> {
    const seq = ++this.seq;
    return new Promise<Outcome<B['type']>>((resolve) => {
      const entry: Entry = {
        seq,
        channel,
        message: { ...body, seq },
        resolve: resolve as (o: Outcome<RequestType>) => void,
      };
      if (!this.busy.has(channel)) {
        this.send(entry);
        return;
      }
      this.waiting.get(channel)?.resolve({ status: 'stale' });
      this.waiting.set(channel, entry);
    });
  }

  /** Number of requests sent or waiting and not yet resolved. */
  get inFlight(): number {
    return this.pending.size + this.waiting.size;
  }

  private send(entry: Entry): void {
    this.busy.add(entry.channel);
    this.pending.set(entry.seq, entry);
    this.endpoint.post(this.onWire(entry), []);
  }

  /** The message as posted: a big problem named, or sent with the name to keep it under. */
  private onWire(entry: Entry): WireRequest {
    entry.sentAs = undefined;
    const { problem } = entry.message;
    if (problemSize(problem) <= BIG_PROBLEM) return entry.message;
    let name = this.names.get(problem);
    if (!name) {
      name = `${this.prefix}-${++this.named}`;
      this.names.set(problem, name);
    }
    if (this.held.has(name)) {
      entry.sentAs = name;
      return { ...entry.message, problem: { kind: 'ref', ref: name } } as WireRequest;
    }
    // The worker handles messages in order: the next request may already use the name.
    this.held.add(name);
    return { ...entry.message, keep: name } as WireRequest;
  }

  private receive(response: SolverResponse): void {
    const entry = this.pending.get(response.seq);
    if (!entry) return;
    if (!response.ok && response.error.code === 'unknown-ref' && entry.sentAs) {
      // The worker let it go: send the problem itself again, on the same turn of the channel.
      this.held.delete(entry.sentAs);
      this.endpoint.post(this.onWire(entry), []);
      return;
    }
    this.pending.delete(response.seq);
    this.busy.delete(entry.channel);
    entry.resolve(
      response.ok
        ? { status: 'ok', result: response.result }
        : { status: 'error', error: response.error },
    );
    const next = this.waiting.get(entry.channel);
    if (next) {
      this.waiting.delete(entry.channel);
      this.send(next);
    }
  }
}
