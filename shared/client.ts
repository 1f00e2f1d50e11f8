/**
 * The asking side of the protocol. Stamps each request with a sequence number and drops
 * stale answers: when several requests share a channel (a slider drag sends one per tick), an
 * answer that arrives after a newer request on the same channel was sent resolves as `stale`
 * instead of overwriting newer state.
 */
import type {
  Endpoint,
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

interface Pending {
  channel: string;
  resolve: (outcome: Outcome<RequestType>) => void;
}

export class SolverClient {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  /** Newest sequence number sent on each channel. */
  private readonly newest = new Map<string, number>();

  constructor(private readonly endpoint: Endpoint) {
    endpoint.listen((message) => this.receive(message as SolverResponse));
  }

  /**
   * Sends a request. Requests on the same `channel` (default: the request type) supersede each
   * other: only the newest one's answer is delivered, older ones resolve as `stale`.
   */
  request<B extends RequestBody>(
    body: B,
    channel: string = body.type,
  ): Promise<Outcome<B['type']>> {
    const seq = ++this.seq;
    this.newest.set(channel, seq);
    return new Promise<Outcome<B['type']>>((resolve) => {
      this.pending.set(seq, { channel, resolve: resolve as (o: Outcome<RequestType>) => void });
      this.endpoint.post({ ...body, seq }, []);
    });
  }

  /** Number of requests still waiting for an answer. */
  get inFlight(): number {
    return this.pending.size;
  }

  private receive(response: SolverResponse): void {
    const pending = this.pending.get(response.seq);
    if (!pending) return;
    this.pending.delete(response.seq);
    if ((this.newest.get(pending.channel) ?? 0) > response.seq) {
      pending.resolve({ status: 'stale' });
    } else if (response.ok) {
      pending.resolve({ status: 'ok', result: response.result });
    } else {
      pending.resolve({ status: 'error', error: response.error });
    }
  }
}
