import { startHarness } from './harness';
(async () => {
  const h = await startHarness({ schema: { collections: { c: {} } } });
  const orig = h.local.handle.bind(h.local);
  h.local.handle = async (a, b) => { console.log(a, JSON.stringify(b.query), JSON.stringify(b.stages)); return orig(a, b); };
  const { db, _ } = h;
  const c = db.collection('c');
  await c.where({ openid: _.in(['a', 'b']), n: _.gte(3).and(_.lt(9)), d: _.gte(new Date('2025-01-01')), x: null, y: 5, z: _.eq(2.5), 'p.q': 1, p2: { q: 2 } }).get();
  await c.where(_.and([{ a: 1 }, { b: _.gt(1) }])).count();
  await c.where({ a: _.exists(false), e: _.neq(1), f: _.gt(1).or(_.lt(0)) }).get();
  await c.where({ _id: 'x', d: db.serverDate() }).update({ data: { a: 1 } });
  await c.aggregate().match({ a: _.in([1, 2]), d: _.lt(new Date()) }).group({ _id: '$a' }).end();
  await c.doc('x').get();
  await h.close();
})();
