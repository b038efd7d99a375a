import type { RegionSummary } from '../../seeds/regionRegistry.ts';
import type { BoundaryStatus } from './boundaries/boundaryStatus.ts';
import type { TapakConfig } from './config.ts';
import type { Database } from './db/engine.ts';
import type { ProgressRegistry } from './progress.ts';
import type { FirstAdminNotice } from './users/userService.ts';

/** What every route may use: the open database, the configuration, the region and the boundary status. */
export interface TapakContext {
  db: Database;
  config: TapakConfig;
  region: RegionSummary;
  boundaryStatus: BoundaryStatus;
  progress: ProgressRegistry;
  /** What the first start did about the admin account (to be logged once by the process), if anything. */
  firstAdmin: FirstAdminNotice | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    tapak: TapakContext;
  }
}
