import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import type { MemberProfile } from '@contract/member';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';

describe('member', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ seed: 'demo' });
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('profile: creates the member on the first call, as 普卡 with nothing', async () => {
    const result = await cloud.call<Result<MemberProfile>>('member', { action: 'profile' }, 'member-first-call');
    assert.equal(result.ok, true);
    assert.ok(result.ok);
    assert.equal(result.data.openid, 'member-first-call');
    assert.equal(result.data.tier, 'normal');
    assert.equal(result.data.growth, 0);
    assert.equal(result.data.points, 0);
    assert.equal(result.data.growthToNext, 500);
  });

  test('profile: answers the seeded demo member with their tier, growth and points', async () => {
    const result = await cloud.call<Result<MemberProfile>>('member', { action: 'profile' }, 'demo-member');
    assert.ok(result.ok);
    assert.equal(result.data.tier, 'silver');
    assert.equal(result.data.growth, 800);
    assert.equal(result.data.points, 1260);
    assert.ok(result.data.tierExpiresAt);
  });

  test('profile: concurrent first calls create exactly one member', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => cloud.call<Result<MemberProfile>>('member', { action: 'profile' }, 'member-racing')));
    assert.ok(results.every((r) => r.ok && r.data.openid === 'member-racing'));
    const stored = await cloud.get<{ documents: Array<{ openid: string }> }>('/__dev/collections/members');
    assert.equal(stored.body.documents.filter((m) => m.openid === 'member-racing').length, 1);
  });

  test('profile: two concurrent callers each see their own OPENID', async () => {
    const openids = Array.from({ length: 12 }, (_, i) => (i % 2 ? 'demo-gold' : 'demo-normal'));
    const results = await Promise.all(openids.map((openid) => cloud.call<Result<MemberProfile>>('member', { action: 'profile' }, openid)));
    results.forEach((result, i) => {
      assert.ok(result.ok);
      assert.equal(result.data.openid, openids[i]);
      assert.equal(result.data.tier, openids[i] === 'demo-gold' ? 'gold' : 'normal');
    });
  });

  test('profile: without an OPENID the call is refused as UNAUTHENTICATED', async () => {
    const result = await cloud.call<Result<MemberProfile>>('member', { action: 'profile' });
    assert.deepEqual(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'UNAUTHENTICATED');
  });

  test('profile: an unknown action is INVALID_ARGUMENT and changes nothing', async () => {
    const result = await cloud.call<Result<MemberProfile>>('member', { action: 'becomeDiamond' }, 'member-bad-input');
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'INVALID_ARGUMENT');
    // Says it is not supported, without listing the actions that are.
    assert.equal(result.error.message, '不支持的操作');
    const profile = await cloud.call<Result<MemberProfile>>('member', { action: 'profile' }, 'member-bad-input');
    assert.ok(profile.ok);
    assert.equal(profile.data.growth, 0);
  });
});
