export default definePageConfig({
  navigationBarTitleText: '果粒值与积分',
});
