export default definePageConfig({
  navigationBarTitleText: '运营管理',
});
