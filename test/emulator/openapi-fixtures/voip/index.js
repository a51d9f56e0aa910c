// An open API the local cloud does not emulate: the SDK must throw a clear error, not hang or crash.
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

async function main() {
  try {
    const res = await cloud.getVoIPSign({ groupId: 'g-1', nonce: 'n-1', timestamp: 1700000000 });
    return { resolved: true, res };
  } catch (err) {
    return { resolved: false, errCode: err.errCode, errMsg: err.errMsg };
  }
}

module.exports = { main };
