// Calls the real wx-server-sdk's cloud storage APIs and answers what the SDK resolved (Buffers as
// base64), or the error it threw: { resolved: false, errCode, errMsg, code }.
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

const ops = {
  upload: ({ cloudPath, base64 }) => cloud.uploadFile({ cloudPath, fileContent: Buffer.from(base64, 'base64') }),
  // A file of `bytes` bytes made here, so a large one need not travel in the event.
  uploadSized: ({ cloudPath, bytes }) => cloud.uploadFile({ cloudPath, fileContent: Buffer.alloc(bytes, 7) }),
  tempUrls: ({ fileList }) => cloud.getTempFileURL({ fileList }),
  delete: ({ fileList }) => cloud.deleteFile({ fileList }),
  async download({ fileID }) {
    const res = await cloud.downloadFile({ fileID });
    return { ...res, fileContent: Buffer.isBuffer(res.fileContent) ? res.fileContent.toString('base64') : res.fileContent };
  },
};

async function main(event) {
  try {
    return { resolved: true, res: await ops[event.op](event) };
  } catch (err) {
    return { resolved: false, errCode: err.errCode, errMsg: err.errMsg, code: err.code };
  }
}

module.exports = { main };
