/**
 * Starts the Tapak server exactly as `server/src/server.ts` does. The harness runs its servers through this file
 * so that their command line differs from the servers other work on a shared machine starts and stops by name:
 * a run's server once received a SIGTERM from outside the harness mid-run (it exited with code 0 through its
 * own shutdown handler).
 */
await import('../../server/src/server.ts');

export {};
