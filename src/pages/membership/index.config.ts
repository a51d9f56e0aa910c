export default definePageConfig({
  navigationBarTitleText: '心享会员',
});
