// Resolves event.list (CloudID strings) through the real SDK's cloud.getOpenData and answers what
// the SDK resolved, or the error it threw.
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

async function main(event) {
  try {
    const res = await cloud.getOpenData({ list: event.list });
    return { resolved: true, res };
  } catch (err) {
    return { resolved: false, errCode: err.errCode, errMsg: err.errMsg };
  }
}

module.exports = { main };
