export default definePageConfig({
  navigationBarTitleText: '心享会员',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
