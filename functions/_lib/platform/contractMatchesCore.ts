/**
 * contract/ declares the wire's words itself and core/ keeps its own for the rules; the functions are
 * where one becomes the other. These checks fail the typecheck (npm test's first step) the moment the
 * two disagree, in either direction. Nothing here runs.
 */
import type * as wire from '@contract/vocabulary';
import type { QuoteTotals as WireTotals } from '@contract/order';
import type { MemberProfile as WireProfile } from '@contract/member';
import type { QuoteTotals } from '@core/checkout';
import type { CouponKind } from '@core/coupon';
import type { CouponSource } from '@core/couponTemplate';
import type { LivePhase, LiveTrigger } from '@core/live';
import type { MemberProfile } from '@core/member';
import type { PaidPlan } from '@core/memberRecord';
import type { PurchaseKind } from '@core/membership';
import type { PriceSource } from '@core/pricing';
import type { NoticeKey } from '@core/notice';
import type { CampaignState } from '@core/campaign';
import type { Tier } from '@core/tier';

/** true only when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Holds<T extends true> = T;

export type ContractMatchesCore = [
  Holds<Same<wire.Tier, Tier>>,
  Holds<Same<wire.PaidPlan, PaidPlan>>,
  Holds<Same<wire.PurchaseKind, PurchaseKind>>,
  Holds<Same<wire.PriceSource, PriceSource>>,
  Holds<Same<wire.CouponKind, CouponKind>>,
  Holds<Same<wire.CouponSource, CouponSource>>,
  Holds<Same<wire.LivePhase, LivePhase>>,
  Holds<Same<wire.LiveTrigger, LiveTrigger>>,
  Holds<Same<WireTotals, QuoteTotals>>,
  Holds<Same<WireProfile, MemberProfile>>,
  Holds<Same<wire.NoticeKey, NoticeKey>>,
  Holds<Same<wire.CampaignState, CampaignState>>,
];
