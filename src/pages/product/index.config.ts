export default definePageConfig({
  navigationBarTitleText: '商品详情',
  // The product card (useShareCard): the ··· menu and the 分享 button.
  enableShareAppMessage: true,
});
