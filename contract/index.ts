import { memberContract } from './member';

/** Every cloud function the app may call. A name that is not here does not compile. */
export const contracts = {
  member: memberContract,
} as const;

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
export * from './define';
export * from './errors';
