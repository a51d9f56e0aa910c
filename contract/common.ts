import { z } from 'zod';

/** Ids that operators and the app pass around: short, printable, no surprises in a query. */
export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, '格式不正确');
export const fen = z.number().int().min(0).max(100_000_000);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须为年-月-日，如 2026-05-18');
export const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), '不是有效的时间');
export const requestId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
