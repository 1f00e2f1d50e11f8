/**
 * The asking side of the protocol. Stamps each request with a sequence number and keeps the
 * worker from drowning in superseded work: on each channel (a slider drag sends one request per
 * input event on one channel) at most one request is in flight and at most one waits behind it.
 * A waiting request replaced by a newer one resolves as `stale` without ever being sent. Answers
 * on one channel therefore arrive in order, so an older result never overwrites a newer one.
 */
import type {
  Endpoint,
  ProgressMessage,
  RequestBody,
  RequestType,
  ResultMap,
  SolverError,
  SolverResponse,
} from './protocol.ts';

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
}

export class SolverClient {
  private seq = 0;
  /** Requests sent and not yet answered, by sequence number. */
  private readonly pending = new Map<number, Entry>();
  /** Channels with a request in flight. */
  private readonly busy = new Set<string>();
  /** The newest request waiting on each busy channel. */
  private readonly waiting = new Map<string, Entry>();

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
    this.endpoint.post(entry.message, []);
  }

  private receive(response: SolverResponse): void {
    const entry = this.pending.get(response.seq);
    if (!entry) return;
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
