import assert from './assert';
import { checkLocalCloud } from '@ops/checkLocalCloud';
import type { EmulatorInstance } from './emulator';

/**
 * The invariant checker over the whole database of `cloud`, as every storm test ends: nothing lost,
 * nothing given twice. `settled`: also nothing left for the timer to finish.
 */
export async function assertInvariants(cloud: EmulatorInstance, options: { settled?: boolean } = {}): Promise<void> {
  const report = await checkLocalCloud(cloud.url, options);
  assert.deepEqual(report.violations, [], JSON.stringify(report.figures));
}
