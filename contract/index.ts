import { adminContract } from './admin';
import { catalogContract } from './catalog';
import { couponContract } from './coupon';
import { liveContract } from './live';
import { membershipContract } from './membership';
import { memberContract } from './member';
import { orderContract } from './order';
import { staffContract } from './staff';

/** Every cloud function the app may call. A name that is not here does not compile. */
export const contracts = {
  member: memberContract,
  catalog: catalogContract,
  order: orderContract,
  staff: staffContract,
  admin: adminContract,
  coupon: couponContract,
  live: liveContract,
  membership: membershipContract,
} as const;

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
export * from './define';
export * from './errors';
