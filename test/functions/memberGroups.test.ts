import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { CatalogResponses } from '@contract/catalog';
import type { Result } from '@contract/errors';
import type { JoinGroupResult, MemberProfile } from '@contract/member';
import type { Member } from '@core/member';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { documents, errorOf, FLAGSHIP, okData, profile, setClock } from '@test/support/shop';

const devCloudId = (data: unknown) => `dev-cloudid:${JSON.stringify(data)}`;
const GROUP_A = devCloudId({ openGId: 'gid-fresh-a' });

const joinGroup = (cloud: EmulatorInstance, openid: string, cloudID: string, extra: Record<string, unknown> = {}) =>
  cloud.call<Result<JoinGroupResult>>('member', { action: 'joinGroup', cloudID, ...extra }, openid);

const setBirthday = (cloud: EmulatorInstance, openid: string, birthday: string) =>
  cloud.call<Result<MemberProfile>>('member', { action: 'setBirthday', birthday }, openid);

async function strawberry(cloud: EmulatorInstance, openid: string) {
  const list = okData(await cloud.call<Result<CatalogResponses['list']>>('catalog', { action: 'list', storeId: FLAGSHIP }, openid));
  const berry = list.products.find((p) => p.skuId === 'fruit-strawberry');
  assert.ok(berry, 'fruit-strawberry is on the flagship shelf');
  return berry;
}

async function storedMember(cloud: EmulatorInstance, openid: string): Promise<Member | undefined> {
  return (await documents<Member>(cloud, 'members')).find((m) => m._id === openid);
}

describe('member.joinGroup', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ seed: 'demo' });
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('joinGroup: adds the group, and the catalog then shows the group price', async () => {
    const before = await strawberry(cloud, 'demo-normal');
    assert.equal(before.unitPriceFen, 3990);
    assert.notEqual(before.priceLabel, '群专享');

    const joined = okData(await joinGroup(cloud, 'demo-normal', GROUP_A));
    assert.deepEqual(joined, { groups: ['gid-fresh-a'], joined: true });
    assert.deepEqual((await profile(cloud, 'demo-normal')).groups, ['gid-fresh-a']);

    const after = await strawberry(cloud, 'demo-normal');
    assert.equal(after.unitPriceFen, 2990);
    assert.equal(after.priceLabel, '群专享');
    assert.equal(after.priceSource, 'group');
  });

  test('joinGroup: a repeated join keeps one entry and says it changed nothing', async () => {
    const first = okData(await joinGroup(cloud, 'group-repeat', GROUP_A));
    assert.equal(first.joined, true);
    const second = okData(await joinGroup(cloud, 'group-repeat', GROUP_A));
    assert.deepEqual(second, { groups: ['gid-fresh-a'], joined: false });
    assert.deepEqual((await storedMember(cloud, 'group-repeat'))?.groups, ['gid-fresh-a']);
  });

  test('joinGroup: concurrent joins of the same group leave one entry', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => joinGroup(cloud, 'group-racer', GROUP_A)));
    for (const result of results) assert.deepEqual(okData(result).groups, ['gid-fresh-a']);
    assert.deepEqual((await storedMember(cloud, 'group-racer'))?.groups, ['gid-fresh-a']);
  });

  test('joinGroup: a second group is added next to the first', async () => {
    const result = okData(await joinGroup(cloud, 'demo-member', devCloudId({ openGId: 'gid-fresh-b' })));
    assert.deepEqual([...result.groups].sort(), ['gid-fresh-a', 'gid-fresh-b']);
    assert.equal(result.joined, true);
  });

  test('joinGroup: a forged CloudID is INVALID_ARGUMENT and changes nothing', async () => {
    const forgeries = [
      '{"openGId":"gid-fresh-a"}', // the JSON alone, without WeChat's resolution
      'gid-fresh-a',
      'dev-cloudid:{"openGId":', // cut short
      devCloudId({ stepInfoList: [] }), // open data of another kind: no group in it
      devCloudId({ openGId: '' }),
      devCloudId({ openGId: 'gid with spaces / and slashes' }),
      devCloudId(['gid-fresh-a']),
    ];
    for (const cloudID of forgeries) {
      const error = errorOf(await joinGroup(cloud, 'demo-gold', cloudID));
      assert.equal(error.code, 'INVALID_ARGUMENT', cloudID);
      assert.match(error.message, /群信息无效/);
    }
    assert.deepEqual((await storedMember(cloud, 'demo-gold'))?.groups, []);
    const berry = await strawberry(cloud, 'demo-gold');
    assert.equal(berry.unitPriceFen, 3490);
    assert.equal(berry.priceLabel, '会员价');
  });

  test('joinGroup: an openGId sent by the client is refused, never trusted', async () => {
    const error = errorOf(await joinGroup(cloud, 'demo-gold', devCloudId({ openGId: 'gid-other' }), { openGId: 'gid-fresh-a' }));
    assert.equal(error.code, 'INVALID_ARGUMENT');
    const missing = errorOf(await cloud.call<Result<JoinGroupResult>>('member', { action: 'joinGroup' }, 'demo-gold'));
    assert.equal(missing.code, 'INVALID_ARGUMENT');
    assert.deepEqual((await storedMember(cloud, 'demo-gold'))?.groups, []);
  });

  test('joinGroup: without an OPENID the call is UNAUTHENTICATED', async () => {
    const error = errorOf(await cloud.call<Result<JoinGroupResult>>('member', { action: 'joinGroup', cloudID: GROUP_A }));
    assert.equal(error.code, 'UNAUTHENTICATED');
  });
});

describe('member.setBirthday', () => {
  // A Sunday noon in Shanghai: "today" is 2026-11-29.
  const NOW = '2026-11-29T04:00:00.000Z';
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ seed: 'demo' });
    await setClock(cloud, NOW);
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('setBirthday: sets the birthday once and answers the profile', async () => {
    const set = okData(await setBirthday(cloud, 'birthday-once', '1995-03-08'));
    assert.equal(set.openid, 'birthday-once');
    assert.equal(set.birthday, '1995-03-08');
    const again = errorOf(await setBirthday(cloud, 'birthday-once', '1995-03-09'));
    assert.equal(again.code, 'NOT_ELIGIBLE');
    assert.equal(again.message, '生日设置后不可修改，如需修改请联系门店');
    assert.equal((await profile(cloud, 'birthday-once')).birthday, '1995-03-08');
  });

  test('setBirthday: a member whose birthday is on file cannot change it', async () => {
    const error = errorOf(await setBirthday(cloud, 'demo-member', '2000-01-01'));
    assert.equal(error.code, 'NOT_ELIGIBLE');
    assert.equal((await profile(cloud, 'demo-member')).birthday, '1992-05-18');
  });

  test('setBirthday: concurrent calls set it once; the others are NOT_ELIGIBLE', async () => {
    for (let round = 0; round < 3; round += 1) {
      const openid = `birthday-race-${round}`;
      const dates = ['1990-01-01', '1991-02-02', '1992-03-03', '1993-04-04'];
      const results = await Promise.all(dates.map((date) => setBirthday(cloud, openid, date)));
      const winners = results.filter((r) => r.ok);
      assert.equal(winners.length, 1, JSON.stringify(results));
      for (const r of results.filter((x) => !x.ok)) assert.equal(errorOf(r).code, 'NOT_ELIGIBLE');
      const won = okData(winners[0]).birthday;
      assert.equal((await storedMember(cloud, openid))?.birthday, won);
    }
  });

  test('setBirthday: a date that does not exist, is not in the past, or is not a date is refused and changes nothing', async () => {
    for (const birthday of ['1990-02-30', '2023-02-29', '1990-13-01', '2026-11-29', '2026-11-30', '2999-01-01', '1899-12-31', '1990/01/01', '19900101', '']) {
      const error = errorOf(await setBirthday(cloud, 'birthday-invalid', birthday));
      assert.equal(error.code, 'INVALID_ARGUMENT', birthday);
    }
    assert.equal((await profile(cloud, 'birthday-invalid')).birthday, null);
    // The day before "today" in Shanghai is a past date; so is a real 29 February.
    assert.equal(okData(await setBirthday(cloud, 'birthday-invalid', '2026-11-28')).birthday, '2026-11-28');
    assert.equal(okData(await setBirthday(cloud, 'birthday-leap', '2000-02-29')).birthday, '2000-02-29');
  });
});
