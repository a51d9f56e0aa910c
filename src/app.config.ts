export default defineAppConfig({
  // The first page is the shop. Main package: what every member uses.
  pages: [
    'pages/index/index',
    'pages/cart/index',
    'pages/orders/index',
    'pages/member/index',
    'pages/product/index',
    'pages/checkout/index',
    'pages/order/index',
    'pages/coupons/index',
  ],
  // Everything staff-only, and what members open less often, lives in subpackages: the main package stays within 600 KB.
  subPackages: [
    {
      // The member's secondary pages: opened from the member centre and the wallet, loaded on demand.
      root: 'packages/member',
      pages: ['pages/coupon-centre/index', 'pages/points-mall/index', 'pages/membership/index', 'pages/ledger/index', 'pages/invite/index', 'pages/member-code/index'],
    },
    {
      // 搜索商品 and 选择门店: opened from the shop's search box and its store bar, so the main package stays within its budget.
      root: 'packages/shop',
      pages: ['pages/search/index', 'pages/store/index'],
    },
    {
      root: 'packages/staff',
      pages: ['pages/workbench/index'],
    },
    {
      root: 'packages/live',
      pages: ['pages/room/index'],
    },
    {
      // 运营: the operators' console (admins; managers see their store), with its chart library.
      root: 'packages/ops',
      pages: ['pages/index/index', 'pages/dashboard/index', 'pages/entities/index', 'pages/edit/index', 'pages/stock/index', 'pages/campaign/index', 'pages/audit/index'],
    },
  ],
  tabBar: {
    color: '#7a8078',
    selectedColor: '#1fa463',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '鲜选', iconPath: 'assets/tab/shop.png', selectedIconPath: 'assets/tab/shop-active.png' },
      { pagePath: 'pages/cart/index', text: '购物车', iconPath: 'assets/tab/cart.png', selectedIconPath: 'assets/tab/cart-active.png' },
      { pagePath: 'pages/orders/index', text: '订单', iconPath: 'assets/tab/orders.png', selectedIconPath: 'assets/tab/orders-active.png' },
      { pagePath: 'pages/member/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f6f1',
    navigationBarBackgroundColor: '#1fa463',
    navigationBarTitleText: '果粒鲜选',
    navigationBarTextStyle: 'white',
  },
  lazyCodeLoading: 'requiredComponents',
  // WeChat's current component styles (buttons, inputs, the switch) rather than the 2017 ones.
  style: 'v2',
  // Which pages WeChat search may index (the file is copied into the build by config/index.ts).
  sitemapLocation: 'sitemap.json',
  // 门店 asks for the location (GCJ-02) to list the nearest stores first. Declared here as WeChat
  // requires of every location API the code calls, with the reason the permission dialog shows. The
  // operator also declares 位置信息 and 剪切板 (复制订单号) in the admin console's 用户隐私保护指引
  // (README: "The shop"); WeChat's own privacy popup asks the member before the first use.
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于为你查找附近的自提门店，并按距离排序' },
  },
});
