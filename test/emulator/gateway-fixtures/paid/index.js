const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const db = cloud.database();
exports.main = async (event) => {
  try { await db.createCollection('payments'); } catch (e) { /* exists already */ }
  const { OPENID, SOURCE } = cloud.getWXContext();
  await db.collection('payments').add({ data: { ...event, contextOpenid: OPENID, source: SOURCE } });
  return { errcode: 0, errmsg: 'OK' };
};
