// Collects the WHM calls that resolvers of one request make for one server in the same tick and
// sends them as ONE WHM `batch` request. DataLoaders of different functions dispatch in the same
// tick, so their calls share a request too.
import type { BatchOutcome, WhmCall, WhmClient, WhmDataOf, WhmFunctionName, WhmResult } from '../whm/index.js';

interface PendingCall {
  call: WhmCall;
  resolve: (result: WhmResult<unknown>) => void;
  reject: (error: unknown) => void;
}

export class WhmCallBatcher {
  private pending: PendingCall[] = [];
  private scheduled = false;
  /** HTTP requests this batcher caused: for tests, benchmarks and logs. */
  requestCount = 0;

  constructor(
    private readonly client: WhmClient,
    private readonly batching: boolean,
  ) {}

  call<F extends WhmFunctionName>(call: WhmCall<F>): Promise<WhmResult<WhmDataOf<F>>> {
    if (!this.batching) {
      this.requestCount += 1;
      return this.client.call(call.function, call.params) as Promise<WhmResult<WhmDataOf<F>>>;
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ call, resolve: resolve as PendingCall['resolve'], reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the current tick's promise jobs and DataLoader dispatches have all run.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const calls = this.pending;
    this.pending = [];
    this.scheduled = false;
    const [only] = calls;
    if (calls.length === 1 && only) {
      // A lone call goes as itself: same one request, and its own retry rules.
      this.requestCount += 1;
      this.client.call(only.call.function, only.call.params).then(only.resolve, only.reject);
      return;
    }
    this.requestCount += Math.ceil(calls.length / this.client.maxBatchSize);
    this.client.batch(calls.map((pending) => pending.call)).then(
      (outcomes: BatchOutcome[]) =>
        outcomes.forEach((outcome, index) => {
          const pending = calls[index];
          if (!pending) return;
          if (outcome.ok) pending.resolve(outcome.value);
          else pending.reject(outcome.error);
        }),
      (error: unknown) => calls.forEach((pending) => pending.reject(error)),
    );
  }
}
