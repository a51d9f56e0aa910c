import type { Result } from '@contract/errors';
import type { EmulatorInstance } from './emulator';
import { okData } from './shop';

/** Creates (or replaces) a coupon template as the demo admin. */
export async function upsertTemplate(cloud: EmulatorInstance, doc: Record<string, unknown>): Promise<void> {
  okData(await cloud.call<Result<{ id: string }>>('admin', { action: 'upsert', entity: 'couponTemplate', doc }, 'demo-admin'));
}

export const FIVE_OFF = { templateId: 'tpl-five', name: '无门槛5元券', kind: 'cash', valueFen: 500, validity: { days: 7 }, claimable: true };
