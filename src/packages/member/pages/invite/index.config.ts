export default definePageConfig({
  navigationBarTitleText: '邀请有礼',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  // The invite card (useShareCard): the ··· menu and the 分享给好友 button.
  enableShareAppMessage: true,
});
