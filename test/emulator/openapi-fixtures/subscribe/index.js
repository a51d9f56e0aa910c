// Sends event.request through the real SDK's cloud.openapi.subscribeMessage.send (event.convertCase
// false: the SDK's option that sends keys as given) and answers what the SDK resolved, or the error it threw.
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

async function main(event) {
  try {
    const openapi = event.convertCase === false ? cloud.openapi({ convertCase: false }) : cloud.openapi;
    const res = await openapi.subscribeMessage.send(event.request);
    return { resolved: true, res };
  } catch (err) {
    return { resolved: false, errCode: err.errCode, errMsg: err.errMsg };
  }
}

module.exports = { main };
