import path from 'node:path';
import { repoRoot } from '../../server/src/config.ts';

/** The reference data beside the repository (never copied into it); TAPAK_SHARED_DATA overrides. */
export const sharedDataDir = process.env.TAPAK_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');

export const sharedData = (name: string) => path.join(sharedDataDir, name);
