export default defineAppConfig({
  // The first page is the shop. Main package: what every member uses.
  pages: [
    'pages/index/index',
    'pages/cart/index',
    'pages/orders/index',
    'pages/member/index',
    'pages/store/index',
    'pages/product/index',
    'pages/checkout/index',
    'pages/order/index',
    'pages/coupons/index',
    'pages/coupon-centre/index',
    'pages/points-mall/index',
    'pages/membership/index',
    'pages/ledger/index',
    'pages/invite/index',
  ],
  // Everything staff-only lives in subpackages so the main package stays small (≤ 1 MB budget).
  subPackages: [
    {
      root: 'packages/staff',
      pages: ['pages/workbench/index'],
    },
    {
      root: 'packages/live',
      pages: ['pages/room/index'],
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
});
