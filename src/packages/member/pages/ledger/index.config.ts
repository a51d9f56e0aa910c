export default definePageConfig({
  navigationBarTitleText: '果粒值与积分',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120,
});
