/** Every error code a function may answer with (docs/api.md), and the Chinese text a user sees by default. */
export const ERROR_MESSAGES = {
  UNAUTHENTICATED: '请先登录微信', // no OPENID in the context
  FORBIDDEN: '没有权限执行此操作', // role or ownership
  INVALID_ARGUMENT: '请求参数有误', // request fails its schema
  NOT_FOUND: '内容不存在或已下架',
  OUT_OF_STOCK: '库存不足',
  SOLD_OUT: '券已抢光',
  LIMIT_REACHED: '已达领取上限',
  NOT_ELIGIBLE: '暂不符合参与条件', // audience, tier, window or state
  ORDER_STATE: '订单状态不允许此操作',
  VOUCHER_INVALID: '取货码无效',
  VOUCHER_EXPIRED: '取货码已过期',
  WRONG_STORE: '该订单不属于本门店',
  ALREADY_REDEEMED: '该订单已核销', // details: redeemedAt, redeemedBy
  TOO_MANY_ATTEMPTS: '尝试次数过多，请稍后再试',
  PAYMENT_FAILED: '支付失败',
  CONFLICT: '系统繁忙，请稍后重试', // retry later
  INTERNAL: '服务开小差了，请稍后再试', // an unexpected failure, never a user error
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface CloudError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: CloudError };
