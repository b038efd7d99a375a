// Worker thread entry of footprintFitPool.ts. Plain JavaScript on purpose: a worker starts without any
// TypeScript loader, whoever runs the main thread (tsx for the server, vite inside vitest), and on Node 20
// `--import tsx` in a worker's execArgv registers nothing (tsx only registers its hooks on the main thread
// there). So this file registers tsx for its own thread, then loads the TypeScript. If tsx is missing, the
// import below fails before the worker says it is ready, and the pool fits on the calling thread instead.
import { register } from 'tsx/esm/api';

register();
const { serveFootprintFits } = await import('./footprintFitPool.ts');
serveFootprintFits();
