import { z } from 'zod';

/** Ids that operators and the app pass around: short, printable, no surprises in a query. */
export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, '只能包含字母、数字和 _ . : -');
export const fen = z.number().int().min(0).max(100_000_000);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), '时间格式应为 ISO 8601');
export const requestId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
