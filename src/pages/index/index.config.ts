export default definePageConfig({
  navigationBarTitleText: '果粒鲜选',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  // The shop card (useShareCard): the ··· menu and the 分享好店 button.
  enableShareAppMessage: true,
});
