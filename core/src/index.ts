export * from './contracts/problem.ts';
export * from './contracts/region.ts';
