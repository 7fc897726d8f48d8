// Who gets the re-execution workers, and in which order. A refused call costs its sender nothing but
// a worker's time, so that time is what is rationed:
//   • caps: one sender may have `perSender.running` calls running and `perSender.queued` waiting; one
//     client address `perClient.running` (never every worker, so others always find one) and
//     `perClient.queued`; past a cap → TooManyInFlight (429), past `maxQueued` in all → Overloaded (503);
//   • order: start-time fair queuing over client addresses, weighted by the worker time each has used,
//     so an address whose calls spin to their gas limit waits behind addresses with cheap calls.
import { LedgerError } from '../errors.ts';

const MAX_REMEMBERED_CLIENTS = 10_000;

export interface SchedulerLimits {
  /** Calls that run at once (the pool's workers). */
  workers: number;
  perSender: { running: number; queued: number };
  perClient: { running: number; queued: number };
  /** Calls waiting in all. */
  maxQueued: number;
}

export function defaultSchedulerLimits(workers: number): SchedulerLimits {
  return {
    workers,
    perSender: { running: 1, queued: 2 },
    perClient: { running: Math.max(1, workers - 1), queued: 16 },
    maxQueued: 256,
  };
}

/** Whose call this is: the signed sender and the client address it came from. */
export interface Owner {
  sender: string;
  client: string;
}

interface Job {
  owner: Owner;
  start(): void;
}

export interface SchedulerStats {
  running: number;
  queued: number;
}

export class FairScheduler {
  private readonly limits: SchedulerLimits;
  private readonly queue: Job[] = [];
  private readonly running = { total: 0, bySender: new Map<string, number>(), byClient: new Map<string, number>() };
  private readonly pending = { bySender: new Map<string, number>(), byClient: new Map<string, number>() };
  /** Worker milliseconds each client has used (its start tag); a newcomer starts at `virtualTime`. */
  private readonly used = new Map<string, number>();
  private virtualTime = 0;

  constructor(limits: SchedulerLimits) {
    this.limits = limits;
  }

  stats(): SchedulerStats {
    return { running: this.running.total, queued: this.queue.length };
  }

  /** Runs `task` when a worker is this owner's fair turn; refuses at once when a cap is reached. */
  run<T>(owner: Owner, task: () => Promise<T>): Promise<T> {
    this.admit(owner);
    bump(this.pending.bySender, owner.sender, 1);
    bump(this.pending.byClient, owner.client, 1);
    if (!this.used.has(owner.client)) this.used.set(owner.client, this.virtualTime);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        owner,
        start: () => {
          const began = performance.now();
          task()
            .then(resolve, reject)
            .finally(() => this.finished(owner, performance.now() - began));
        },
      });
      this.dispatch();
    });
  }

  private admit({ sender, client }: Owner): void {
    const { perSender, perClient, maxQueued } = this.limits;
    if ((this.pending.bySender.get(sender) ?? 0) >= perSender.running + perSender.queued) {
      throw new LedgerError('TooManyInFlight', `'${sender}' already has ${perSender.running + perSender.queued} calls waiting for re-execution; wait for their answers`, {
        retryAfterSeconds: 1,
      });
    }
    if ((this.pending.byClient.get(client) ?? 0) >= perClient.running + perClient.queued) {
      throw new LedgerError('TooManyInFlight', `${client} already has ${perClient.running + perClient.queued} calls waiting for re-execution; wait for their answers`, {
        retryAfterSeconds: 1,
      });
    }
    if (this.queue.length >= maxQueued) {
      throw new LedgerError('Overloaded', `all ${this.limits.workers} re-execution workers are busy and ${maxQueued} calls are waiting; try again shortly`, {
        retryAfterSeconds: 2,
      });
    }
  }

  private dispatch(): void {
    while (this.running.total < this.limits.workers) {
      const index = this.nextEligible();
      if (index < 0) return;
      const [job] = this.queue.splice(index, 1);
      const { sender, client } = job!.owner;
      this.virtualTime = Math.max(this.virtualTime, this.used.get(client) ?? 0);
      this.running.total++;
      bump(this.running.bySender, sender, 1);
      bump(this.running.byClient, client, 1);
      job!.start();
    }
  }

  /** The waiting job whose client has used the least worker time and whose caps allow it to run (oldest first on ties). */
  private nextEligible(): number {
    let best = -1;
    let bestUsed = Infinity;
    for (let i = 0; i < this.queue.length; i++) {
      const { sender, client } = this.queue[i]!.owner;
      if ((this.running.bySender.get(sender) ?? 0) >= this.limits.perSender.running) continue;
      if ((this.running.byClient.get(client) ?? 0) >= this.limits.perClient.running) continue;
      const used = this.used.get(client) ?? 0;
      if (used < bestUsed) {
        best = i;
        bestUsed = used;
      }
    }
    return best;
  }

  private finished({ sender, client }: Owner, elapsedMs: number): void {
    this.running.total--;
    bump(this.running.bySender, sender, -1);
    bump(this.running.byClient, client, -1);
    bump(this.pending.bySender, sender, -1);
    const left = bump(this.pending.byClient, client, -1);
    const used = (this.used.get(client) ?? this.virtualTime) + elapsedMs;
    // An idle client that is not ahead of the clock is forgotten (bounded memory); one that used more keeps its debt.
    if (left === 0 && used <= this.virtualTime) this.used.delete(client);
    else this.used.set(client, used);
    if (this.used.size > MAX_REMEMBERED_CLIENTS) for (const key of this.used.keys()) if (!this.pending.byClient.has(key)) this.used.delete(key);
    this.dispatch();
  }
}

function bump(counts: Map<string, number>, key: string, by: number): number {
  const next = (counts.get(key) ?? 0) + by;
  if (next) counts.set(key, next);
  else counts.delete(key);
  return next;
}
