import { setImmediate as nextTurn } from 'node:timers/promises';
import { parentPort, Worker } from 'node:worker_threads';
import { type AreaGeometry, type FootprintFit, fitFootprint } from '@tapak/core';

/**
 * Fits building footprints (`fitFootprint` of `@tapak/core`, ~140 µs a parcel) on worker threads, so that a
 * re-judgement of many parcels fits on another core while the main thread judges and PostgreSQL writes.
 *
 * Geometries travel as their GeoJSON text and each is parsed and fitted by the very same code as on the main
 * thread (`fitGeometriesJson` below), so the results are bit for bit those of
 * `fitFootprint(JSON.parse(text), size)`: stored judgements are compared by their text, and a result that
 * differed in the last bit would count as a change.
 *
 * How a worker loads TypeScript: it inherits no loader from the main thread, neither vite's (vitest
 * transforms the test's modules inside its own runner) nor tsx's (`node --import tsx`, the server): on Node 20
 * a worker given `--import tsx` in its execArgv runs tsx's entry, which only registers its hooks on the main
 * thread, and fails on the first `.ts` file (ERR_UNKNOWN_FILE_EXTENSION; checked with tsx 4.23 on Node
 * 20.20). So the worker's entry is plain JavaScript, `footprintFitWorker.mjs`: it registers tsx for its own
 * thread through tsx's API and then imports this module, which works alike under the server and vitest. The
 * worker gets an empty execArgv, so the parent's options (`--inspect`, vitest's) stay out of it.
 *
 * When no worker can start (tsx missing, say, or a build without it), the pool fits on the calling thread
 * instead: slower, but the answer is the same, and a re-judgement must not fail for want of a thread.
 */

/** Sides of the building footprint to fit. */
export interface FootprintSize {
  widthMeters: number;
  depthMeters: number;
}

export interface FootprintFitPool {
  /**
   * Fits every geometry (GeoJSON text of a Polygon or MultiPolygon) with the given footprint size; results in
   * input order. Rejects with a {@link FootprintFitError} when one geometry cannot be parsed or fitted, and
   * with a plain error when a worker stops in the middle or the pool is closed.
   */
  fit(geometriesJson: readonly string[], size: FootprintSize): Promise<FootprintFit[]>;
  /** Stops the workers; fits still pending reject. The process can exit afterwards. */
  close(): Promise<void>;
}

export interface FootprintFitPoolOptions {
  /**
   * Worker threads, default 1: on two cores the other one belongs to the main thread (judging) and
   * PostgreSQL. 0 fits on the calling thread.
   */
  threads?: number;
  /** Told once when the workers cannot start and the pool falls back to the calling thread. */
  onFallback?: (reason: Error) => void;
  /** Node options of the workers, default none. Tests use it to make a worker fail. */
  workerExecArgv?: string[];
  /**
   * A worker not ready after this long counts as unable to start, default 30 s (it takes about 1 s): module
   * hooks registered on a worker have hung some Node versions (nodejs/node#53182), and a fit must not.
   */
  workerStartTimeoutMs?: number;
}

/** One geometry could not be fitted: the message is the one `fitFootprint` (or `JSON.parse`) threw. */
export class FootprintFitError extends Error {
  /** Index of the geometry in the array given to `fit`. */
  readonly geometryIndex: number;

  constructor(message: string, geometryIndex: number) {
    super(message);
    this.name = 'FootprintFitError';
    this.geometryIndex = geometryIndex;
  }
}

/** Main thread → worker: one batch of geometries. */
export interface FootprintFitRequest {
  batchId: number;
  geometriesJson: readonly string[];
  size: FootprintSize;
}

/** Worker → main thread. */
export type FootprintFitReply =
  | { kind: 'ready' }
  | { kind: 'fitted'; batchId: number; fits: FootprintFit[] }
  | { kind: 'failed'; batchId: number; geometryIndex: number; message: string };

/**
 * The one place a geometry is parsed and fitted, on a worker and on the calling thread alike. Throws a
 * {@link FootprintFitError} carrying the index within `geometriesJson`.
 */
export function fitGeometriesJson(geometriesJson: readonly string[], size: FootprintSize): FootprintFit[] {
  const options = { widthMeters: size.widthMeters, depthMeters: size.depthMeters };
  const fits: FootprintFit[] = [];
  for (const [index, text] of geometriesJson.entries()) {
    try {
      fits.push(fitFootprint(JSON.parse(text) as AreaGeometry, options));
    } catch (error) {
      throw new FootprintFitError(error instanceof Error ? error.message : String(error), index);
    }
  }
  return fits;
}

// 1,000 geometries are ~140 ms of fitting against well under a millisecond of copying them across, and
// match the batches of rejudgeParcels.
const GEOMETRIES_PER_MESSAGE = 1000;
// Two batches queued on a worker, so it starts the next one while the main thread is still busy judging
// and has not yet read the answer to the previous one.
const BATCHES_IN_FLIGHT_PER_WORKER = 2;

const WORKER_URL = new URL('./footprintFitWorker.mjs', import.meta.url);

/**
 * The worker's side, run by `footprintFitWorker.mjs` once tsx is registered: fits each batch it is sent and
 * answers with plain objects.
 */
export function serveFootprintFits(): void {
  const port = parentPort;
  if (port === null) throw new Error('serveFootprintFits runs only on a worker thread of footprintFitPool.ts');
  port.on('message', (request: FootprintFitRequest) => {
    let reply: FootprintFitReply;
    try {
      reply = {
        kind: 'fitted',
        batchId: request.batchId,
        fits: fitGeometriesJson(request.geometriesJson, request.size),
      };
    } catch (error) {
      // Answered, not thrown: an uncaught error would end the worker, and with it the other batch it holds.
      const geometryIndex = error instanceof FootprintFitError ? error.geometryIndex : 0;
      const message = error instanceof Error ? error.message : String(error);
      reply = { kind: 'failed', batchId: request.batchId, geometryIndex, message };
    }
    port.postMessage(reply);
  });
  // A worker that stops before saying this could not load its modules, and no other one will.
  port.postMessage({ kind: 'ready' } satisfies FootprintFitReply);
}

interface Job {
  fits: FootprintFit[];
  batchesLeft: number;
  settled: boolean;
  resolve: (fits: FootprintFit[]) => void;
  reject: (error: Error) => void;
}

interface Batch {
  job: Job;
  /** Index of the batch's first geometry in the job's input. */
  offset: number;
  geometriesJson: readonly string[];
  size: FootprintSize;
}

interface WorkerSlot {
  worker: Worker;
  ready: boolean;
  inFlight: Map<number, Batch>;
  /** Why the worker stopped, if known: an uncaught error ('error' comes before 'exit') or the start timeout. */
  failure: Error | null;
}

export function createFootprintFitPool(options: FootprintFitPoolOptions = {}): FootprintFitPool {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 0) throw new RangeError(`threads must be a whole number ≥ 0: ${threads}`);
  const execArgv = options.workerExecArgv ?? [];
  const startTimeoutMs = options.workerStartTimeoutMs ?? 30_000;

  let onCallingThread = threads === 0;
  let closed = false;
  let draining = false;
  let nextBatchId = 0;
  let pendingJobs = 0;
  const queue: Batch[] = [];
  const slots: WorkerSlot[] = [];

  function settle(job: Job, error: Error | null): void {
    if (job.settled) return;
    job.settled = true;
    pendingJobs -= 1;
    if (error === null) job.resolve(job.fits);
    else job.reject(error);
    updateRefs();
  }

  function complete(batch: Batch, fits: FootprintFit[]): void {
    if (batch.job.settled) return;
    for (const [index, fit] of fits.entries()) batch.job.fits[batch.offset + index] = fit;
    batch.job.batchesLeft -= 1;
    if (batch.job.batchesLeft === 0) settle(batch.job, null);
  }

  // Idle workers must not keep the process alive (a forgotten close() would otherwise hang the exit), busy
  // ones must: an awaited fit is no handle of its own.
  function updateRefs(): void {
    for (const slot of slots) {
      if (pendingJobs > 0) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  function fallBack(reason: Error): void {
    if (onCallingThread) return;
    onCallingThread = true;
    // The batches given to workers are pure work: give them to the calling thread instead.
    for (const slot of slots.splice(0)) {
      queue.unshift(...slot.inFlight.values());
      void slot.worker.terminate();
    }
    options.onFallback?.(reason);
    void drainOnCallingThread();
  }

  function spawn(): void {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_URL, { execArgv });
    } catch (error) {
      fallBack(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const slot: WorkerSlot = { worker, ready: false, inFlight: new Map(), failure: null };
    slots.push(slot);
    const startTimer = setTimeout(() => {
      slot.failure = new Error(`footprint fit worker was not ready after ${startTimeoutMs} ms`);
      void worker.terminate();
    }, startTimeoutMs);
    startTimer.unref();
    worker.on('message', (reply: FootprintFitReply) => {
      if (reply.kind === 'ready') {
        clearTimeout(startTimer);
        slot.ready = true;
      } else {
        const batch = slot.inFlight.get(reply.batchId);
        slot.inFlight.delete(reply.batchId);
        if (batch === undefined) return;
        if (reply.kind === 'fitted') complete(batch, reply.fits);
        else settle(batch.job, new FootprintFitError(reply.message, batch.offset + reply.geometryIndex));
      }
      dispatch();
    });
    worker.on('error', (error) => {
      slot.failure = error;
    });
    worker.on('exit', (exitCode) => {
      clearTimeout(startTimer);
      const index = slots.indexOf(slot);
      if (index < 0) return; // terminated on purpose: close() or fallBack()
      slots.splice(index, 1);
      const reason = slot.failure?.message ?? `exit code ${exitCode}`;
      if (!slot.ready) {
        // It never loaded its modules (no loader, say): no worker will; fit here instead.
        fallBack(slot.failure ?? new Error(`footprint fit worker stopped before it was ready: ${reason}`));
        return;
      }
      // It died at work: the fits it held are lost with it. Later batches go to a fresh worker.
      const error = new Error(`footprint fit worker stopped: ${reason}`);
      for (const batch of slot.inFlight.values()) settle(batch.job, error);
      dispatch();
    });
    updateRefs();
  }

  function dispatch(): void {
    if (closed) return;
    if (onCallingThread) {
      void drainOnCallingThread();
      return;
    }
    // Batches of a fit that already failed are not worth a worker, let alone a new one.
    while (queue[0]?.job.settled) queue.shift();
    if (queue.length > 0) while (slots.length < threads && !onCallingThread) spawn();
    if (onCallingThread) return; // spawn() fell back and drains the queue itself
    for (const slot of slots) {
      while (slot.ready && slot.inFlight.size < BATCHES_IN_FLIGHT_PER_WORKER && queue.length > 0) {
        const batch = queue.shift() as Batch;
        if (batch.job.settled) continue;
        const batchId = nextBatchId++;
        slot.inFlight.set(batchId, batch);
        const request: FootprintFitRequest = { batchId, geometriesJson: batch.geometriesJson, size: batch.size };
        slot.worker.postMessage(request);
      }
    }
  }

  // One batch at a time, yielding in between so that a large fit does not stall every request.
  async function drainOnCallingThread(): Promise<void> {
    if (draining) return;
    draining = true;
    try {
      while (!closed && queue.length > 0) {
        const batch = queue.shift() as Batch;
        if (batch.job.settled) continue;
        try {
          complete(batch, fitGeometriesJson(batch.geometriesJson, batch.size));
        } catch (error) {
          const fitError =
            error instanceof FootprintFitError
              ? new FootprintFitError(error.message, batch.offset + error.geometryIndex)
              : (error as Error);
          settle(batch.job, fitError);
        }
        await nextTurn();
      }
    } finally {
      draining = false;
    }
  }

  return {
    fit(geometriesJson, size) {
      if (closed) return Promise.reject(new Error('footprint fit pool is closed'));
      if (geometriesJson.length === 0) return Promise.resolve([]);
      return new Promise<FootprintFit[]>((resolve, reject) => {
        const job: Job = {
          fits: new Array(geometriesJson.length),
          batchesLeft: Math.ceil(geometriesJson.length / GEOMETRIES_PER_MESSAGE),
          settled: false,
          resolve,
          reject,
        };
        pendingJobs += 1;
        const sizeCopy = { widthMeters: size.widthMeters, depthMeters: size.depthMeters };
        for (let offset = 0; offset < geometriesJson.length; offset += GEOMETRIES_PER_MESSAGE) {
          queue.push({
            job,
            offset,
            geometriesJson: geometriesJson.slice(offset, offset + GEOMETRIES_PER_MESSAGE),
            size: sizeCopy,
          });
        }
        updateRefs();
        dispatch();
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      const error = new Error('footprint fit pool is closed');
      for (const batch of queue.splice(0)) settle(batch.job, error);
      const stopping = slots.splice(0);
      for (const slot of stopping) for (const batch of slot.inFlight.values()) settle(batch.job, error);
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
    },
  };
}
