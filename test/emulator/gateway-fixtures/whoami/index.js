const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
exports.main = async (event) => {
  // A little work between reading the context and answering, so that concurrent calls overlap.
  await new Promise((ok) => setTimeout(ok, 20));
  return { context: cloud.getWXContext(), event, now: process.env.LOCAL_CLOUD_NOW || null, adminOpenids: process.env.ADMIN_OPENIDS || null, envKeys: Object.keys(process.env).sort() };
};
