const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
exports.main = async (event) =>
  cloud.cloudPay.unifiedOrder({
    functionName: 'paid',
    envId: cloud.getWXContext().ENV,
    subMchId: '1900000109',
    nonceStr: 'n' + event.outTradeNo,
    body: '果粒鲜选-测试订单',
    outTradeNo: event.outTradeNo,
    totalFee: event.totalFee,
    spbillCreateIp: '127.0.0.1',
  });
