export default definePageConfig({
  navigationBarTitleText: '果粒鲜选',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
