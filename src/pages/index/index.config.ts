export default definePageConfig({
  navigationBarTitleText: '果粒鲜选',
});
