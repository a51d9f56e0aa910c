export default definePageConfig({
  navigationBarTitleText: '会员码',
  // Shown at the counter: a plain white page, nothing to pull.
  navigationBarBackgroundColor: '#1fa463',
  backgroundColor: '#1fa463',
});
