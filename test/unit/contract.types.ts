/**
 * Compile-time checks of the typed contract (run by `tsc` in npm test, never executed): a call to a
 * function or action that does not exist, or with the wrong fields, must not compile. Each
 * `@ts-expect-error` fails the typecheck if the line below it ever becomes valid.
 */
import { callCloud } from '@/services/cloud';

export async function contractChecks(): Promise<void> {
  const profile = await callCloud('member', { action: 'profile' });
  const tier: 'normal' | 'silver' | 'gold' | 'diamond' = profile.tier;
  void tier;

  const quote = await callCloud('order', { action: 'quote', storeId: 's', items: [{ skuId: 'a', qty: 1 }] });
  const payable: number = quote.payableFen;
  void payable;

  // @ts-expect-error no such function
  await callCloud('members', { action: 'profile' });
  // @ts-expect-error no such action
  await callCloud('member', { action: 'becomeDiamond' });
  // @ts-expect-error create needs a requestId
  await callCloud('order', { action: 'create', storeId: 's', items: [{ skuId: 'a', qty: 1 }] });
  // @ts-expect-error qty is a number
  await callCloud('order', { action: 'quote', storeId: 's', items: [{ skuId: 'a', qty: '1' }] });
  // @ts-expect-error the profile has no balanceFen
  void profile.balanceFen;
}
