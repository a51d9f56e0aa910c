import type { CreatedOrder } from '@contract/order';
import type { PaidPlan } from '@core/member';
import { stableId } from '../platform/ids';

/** A paid-card purchase (collection `membershipOrders`, `_id` = its out_trade_no `GM…`). */
export interface MembershipOrderRecord {
  _id: string;
  orderId: string;
  openid: string;
  requestId: string;
  plan: PaidPlan;
  kind: 'new' | 'renew' | 'upgrade';
  priceFen: number;
  creditFen: number;
  status: 'pending_payment' | 'paid' | 'refunding' | 'refunded';
  createdAt: Date;
  expiresAt: Date;
  payment: CreatedOrder['payment'];
  paidAt: Date | null;
}

/** A membership order's id: the same member and requestId always name the same purchase. */
export const membershipOrderId = (openid: string, requestId: string) => stableId('GM', openid, requestId);
