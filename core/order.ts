/**
 * An order's life (取货订单): reserving → pending_payment → paid → picked_up, or cancelled / refunded
 * on the way. What a member may do in each state, and the windows that bound it. Pure: the functions
 * make the transitions with guarded writes; this says which ones there are.
 */
export type StoredOrderStatus = 'reserving' | 'pending_payment' | 'paid' | 'picked_up' | 'cancelled' | 'refunded';

/** Unpaid orders are cancelled after this long, releasing stock, coupon and points. */
export const PAYMENT_WINDOW_MS = 15 * 60 * 1000;
/** A refund may be asked for within this long after pickup (三无退货). */
export const REFUND_AFTER_PICKUP_MS = 7 * 24 * 60 * 60 * 1000;

/** Refundable: paid and not yet picked up, or picked up less than 7 days ago. */
export function isRefundable(order: { status: StoredOrderStatus; pickedUpAt: Date | null }, now: Date): boolean {
  if (order.status === 'paid') return true;
  return order.status === 'picked_up' && !!order.pickedUpAt && now.getTime() - order.pickedUpAt.getTime() <= REFUND_AFTER_PICKUP_MS;
}

/**
 * What the member's 取消订单 means in each state: an unpaid order is cancelled, a paid one refunded,
 * one already cancelled or refunded is answered as it is, one still being created must wait, and a
 * picked-up one can only be refunded.
 */
export type CancelMeaning = 'cancel' | 'refund' | 'asItIs' | 'wait' | 'refuse';

export function cancelMeaning(status: StoredOrderStatus): CancelMeaning {
  switch (status) {
    case 'pending_payment':
      return 'cancel';
    case 'paid':
      return 'refund';
    case 'cancelled':
    case 'refunded':
      return 'asItIs';
    case 'reserving':
      return 'wait';
    default:
      return 'refuse';
  }
}
