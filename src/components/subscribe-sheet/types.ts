import type { NoticeKey } from '@contract/vocabulary';

/** 允许 (each ticked kind accept, each unticked reject) or 取消 (every kind reject). */
export type SubscribeSheetResult = Partial<Record<NoticeKey, 'accept' | 'reject'>>;
