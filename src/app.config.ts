export default defineAppConfig({
  pages: ['pages/member/index'],
  // Everything staff-only lives in subpackages so the main package stays small (≤ 1 MB budget).
  subPackages: [
    {
      root: 'packages/staff',
      pages: ['pages/workbench/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f6f1',
    navigationBarBackgroundColor: '#1fa463',
    navigationBarTitleText: '果粒鲜选',
    navigationBarTextStyle: 'white',
  },
  lazyCodeLoading: 'requiredComponents',
});
