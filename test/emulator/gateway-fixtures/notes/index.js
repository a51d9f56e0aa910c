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
  if (event.action === 'whoCalls') return cloud.callFunction({ name: 'whoami', data: { via: 'notes' } }).then((r) => r.result);
  const res = await db.collection('notes').where({ openid: OPENID }).get();
  return res.data;
};
