export default definePageConfig({
  navigationBarTitleText: '直播间',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  // useShareAppMessage in the room needs the page to declare it can be shared.
  enableShareAppMessage: true,
});
