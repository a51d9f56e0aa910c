import { staffContract, type HandoverView } from '@contract/staff';
import { maskName } from '@core/memberCode';
import { parseVoucherCode } from '@core/voucher';
import { COLLECTIONS, rowsOf, updatedOf } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import { defineFunction, type CallContext } from '@lib/platform/handler';
import { findOrder, type OrderRecord } from '@lib/data/orders';
import { activeStaff, type StaffRecord } from '@lib/data/roles';
import { signatureValid } from '@lib/platform/voucher';
import { giveBackAttempt, takeAttempt } from './attempts';
import { creditInStore, memberAtCounter, redeemGift, refundInStore } from './counter';
import { handoverLines } from './handover';
import { storeDay } from './today';

interface Resolved {
  staff: StaffRecord;
  order: OrderRecord;
  method: 'qr' | 'short';
}

async function requireStaff(ctx: CallContext): Promise<StaffRecord> {
  const staff = await activeStaff(ctx);
  if (!staff) throw new DomainError('FORBIDDEN', '仅在职店员可以核销');
  return staff;
}

/** From a scanned or typed code to the order it stands for, checking signature, expiry and store. */
async function resolveVoucher(ctx: CallContext, raw: string): Promise<Resolved> {
  const { db, now, openid } = ctx;
  const staff = await requireStaff(ctx);
  const parsed = parseVoucherCode(raw);
  let order: OrderRecord | null = null;
  let expiresAtMs: number;
  if (parsed.kind === 'qr') {
    if (!signatureValid(parsed.claims, parsed.signature)) throw new DomainError('VOUCHER_INVALID', '取货码无效（签名不符）');
    order = await findOrder(db, parsed.claims.orderId);
    if (!order || order.storeId !== parsed.claims.storeId) throw new DomainError('VOUCHER_INVALID');
    expiresAtMs = parsed.claims.expiresAtMs;
  } else if (parsed.kind === 'short') {
    // Counted before it is checked (see attempts.ts); given back below if it is a real code of this store.
    const place = await takeAttempt(db, openid, now);
    const [entry] = rowsOf<{ orderId: string; expiresAt: Date }>(await db.collection(COLLECTIONS.voucherCodes).where({ _id: parsed.shortCode }).limit(1).get());
    order = entry ? await findOrder(db, entry.orderId) : null;
    // A code that is not a live order's own current code is a wrong guess, and so is another store's.
    if (!entry || !order || order.voucher?.shortCode !== parsed.shortCode) throw new DomainError('VOUCHER_INVALID', '取货码不存在，请核对后重试');
    if (order.storeId === staff.storeId) await giveBackAttempt(db, openid, place);
    expiresAtMs = entry.expiresAt.getTime();
  } else {
    throw new DomainError('VOUCHER_INVALID', '无法识别的取货码');
  }
  if (order.storeId !== staff.storeId) throw new DomainError('WRONG_STORE', `该订单应在「${order.storeName}」提货`, { storeId: order.storeId, storeName: order.storeName });
  if (order.status === 'picked_up') {
    throw new DomainError('ALREADY_REDEEMED', '该订单已核销', { redeemedAt: order.pickedUpAt?.toISOString() ?? null, redeemedBy: order.pickedUpBy });
  }
  if (order.status !== 'paid') throw new DomainError('ORDER_STATE', order.status === 'refunded' ? '该订单已退款' : '该订单未支付');
  if (now.getTime() > expiresAtMs) throw new DomainError('VOUCHER_EXPIRED', '取货码已过期，请联系店长处理');
  return { staff, order, method: parsed.kind };
}

/** The counter's card for an order: what to hand over, what was refunded, and whose it is (masked). */
function handover(order: OrderRecord, member: { nickName?: string; phoneTail?: string } | undefined): HandoverView {
  return {
    orderId: order.orderId,
    storeId: order.storeId,
    storeName: order.storeName,
    status: order.status,
    ...handoverLines(order),
    payableFen: order.payableFen,
    pickedUpAt: order.pickedUpAt?.toISOString() ?? null,
    pickedUpBy: order.pickedUpBy,
    memberName: maskName(member?.nickName),
    phoneTail: member?.phoneTail ?? null,
  };
}

export const main = defineFunction(staffContract, {
  async me(_request, ctx) {
    const staff = await activeStaff(ctx);
    if (!staff) return null;
    const [store] = rowsOf<{ name: string }>(await ctx.db.collection(COLLECTIONS.stores).where({ _id: staff.storeId }).limit(1).get());
    return { openid: staff.openid, storeId: staff.storeId, storeName: store?.name ?? staff.storeId, role: staff.role };
  },

  async lookup({ code }, ctx) {
    const { order } = await resolveVoucher(ctx, code);
    // One read of the member, for the name and phone tail the clerk checks against.
    const [member] = rowsOf<{ nickName?: string; phoneTail?: string }>(
      await ctx.db.collection(COLLECTIONS.members).where({ _id: order.openid }).limit(1).field({ nickName: true, phoneTail: true }).get(),
    );
    return handover(order, member);
  },

  /**
   * Hands the goods over exactly once: the status change is guarded on the order still being paid,
   * and carries its audit record (who, which store, how, when) in the same write, so no crash can
   * leave a handover without its record or a record without its handover.
   */
  async redeem({ code }, ctx) {
    const { db, now, openid } = ctx;
    const { staff, order, method } = await resolveVoucher(ctx, code);
    const pickedUpBy = staff.name ? `${staff.name}（${openid}）` : openid;
    const changed = await db
      .collection(COLLECTIONS.orders)
      .where({ _id: order._id, status: 'paid' })
      .update({ data: { status: 'picked_up', pickedUpAt: now, pickedUpBy, redemption: { storeId: staff.storeId, staffOpenid: openid, staffName: staff.name ?? null, method, at: now } } });
    if (updatedOf(changed) !== 1) {
      const current = await findOrder(db, order._id);
      if (current?.status === 'picked_up') {
        throw new DomainError('ALREADY_REDEEMED', '该订单已核销', { redeemedAt: current.pickedUpAt?.toISOString() ?? null, redeemedBy: current.pickedUpBy });
      }
      throw new DomainError('ORDER_STATE', '订单状态已变化，请刷新');
    }
    return { orderId: order.orderId, lines: handoverLines(order).lines, pickedUpAt: now.toISOString() };
  },

  async member({ memberCode }, ctx) {
    return memberAtCounter(await requireStaff(ctx), memberCode, ctx);
  },

  async creditInStore(request, ctx) {
    return creditInStore(await requireStaff(ctx), request, ctx);
  },

  async refundInStore({ receiptNo }, ctx) {
    return refundInStore(await requireStaff(ctx), receiptNo, ctx);
  },

  async redeemGift(request, ctx) {
    return redeemGift(await requireStaff(ctx), request, ctx);
  },

  async today(_request, ctx) {
    return storeDay(await requireStaff(ctx), ctx);
  },
});
