const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const db = cloud.database();
async function ensure(name) {
  try { await db.createCollection(name); } catch (e) { /* exists already */ }
}
exports.main = async (event) => {
  await ensure('notes');
  const { OPENID } = cloud.getWXContext();
  if (event.action === 'add') {
    const res = await db.collection('notes').add({ data: { openid: OPENID, text: event.text, at: db.serverDate() } });
    return { _id: res._id };
  }
  if (event.action === 'bulk') {
    // One insertDocument with many documents: enough of them to make a collection "large".
    const data = Array.from({ length: event.count }, (_, i) => ({ openid: OPENID, text: `bulk ${i}` }));
    const res = await db.collection('notes').add({ data });
    return { inserted: res.ids ? res.ids.length : event.count };
  }
  if (event.action === 'whoCalls') return cloud.callFunction({ name: 'whoami', data: { via: 'notes' } }).then((r) => r.result);
  const res = await db.collection('notes').where({ openid: OPENID }).get();
  return res.data;
};
