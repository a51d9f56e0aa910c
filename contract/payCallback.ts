import { z } from 'zod';

/** The WeChat Pay v2 notify fields cloud payment hands the callback function (camelCase). */
export const payNotification = z
  .object({
    returnCode: z.string(),
    resultCode: z.string().optional(),
    outTradeNo: z.string().optional(),
    transactionId: z.string().optional(),
    totalFee: z.coerce.number().optional(),
    subOpenid: z.string().optional(),
    openid: z.string().optional(),
    timeEnd: z.string().optional(),
  })
  .passthrough();

export type PayNotification = z.infer<typeof payNotification>;

/** What the callback must answer; anything but errcode 0 makes WeChat deliver it again. */
export interface PayCallbackAnswer {
  errcode: number;
  errmsg: string;
}
