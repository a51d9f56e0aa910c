import { businessDate } from '@core/businessTime';
import type { Product } from '@core/catalog';
import type { PriceList } from '@core/priceList';

/** A believable fruit and dairy shelf: prices in fen, member prices on the bestsellers. */
const p = (skuId: string, name: string, category: string, unit: string, listPriceFen: number, extra: Partial<Product> = {}): Product => ({ skuId, name, category, unit, listPriceFen, onSale: true, ...extra });

export const DEMO_PRODUCTS: Product[] = [
  p('fruit-strawberry', '丹东99草莓', 'fruit', '500g/盒', 3990, { memberPriceFen: { silver: 3690, gold: 3490, diamond: 3290 }, paidPriceFen: 3390, description: '当日采摘冷链直达，酸甜多汁' }),
  p('fruit-durian', '泰国金枕榴莲', 'fruit', '约2.5kg/个', 15800, { memberPriceFen: { gold: 14800 }, description: '整果现开，果肉饱满' }),
  p('fruit-citrus', '爱媛38号果冻橙', 'fruit', '2.5kg/箱', 5990, { memberPriceFen: { silver: 5590 }, paidPriceFen: 5290 }),
  p('fruit-grape', '阳光玫瑰青提', 'fruit', '约1kg/串', 4590, { memberPriceFen: { silver: 4290, gold: 3990 } }),
  p('fruit-apple', '阿克苏冰糖心苹果', 'fruit', '2.5kg/箱', 4990, { memberPriceFen: { silver: 4590 } }),
  p('fruit-pear', '砀山酥梨', 'fruit', '2kg/袋', 2590),
  p('fruit-banana', '海南香蕉', 'fruit', '1kg/把', 990, { noExtraDiscount: true }),
  p('fruit-kiwi', '徐香猕猴桃', 'fruit', '12个/盒', 3290, { memberPriceFen: { gold: 2990 } }),
  p('fruit-mango', '攀枝花凯特芒', 'fruit', '2kg/箱', 3990),
  p('fruit-pomelo', '琯溪红心蜜柚', 'fruit', '约1.5kg/个', 1990),
  p('imported-cherry', '智利车厘子JJ级', 'imported', '1kg/盒', 12800, { memberPriceFen: { silver: 11800, gold: 10800, diamond: 9900 }, paidPriceFen: 10800 }),
  p('imported-blueberry', '秘鲁蓝莓', 'imported', '125g×4盒', 5990, { memberPriceFen: { gold: 5490 } }),
  p('imported-avocado', '墨西哥牛油果', 'imported', '4个/盒', 2990),
  p('imported-kiwi', '佳沛阳光金果', 'imported', '10个/盒', 8990, { memberPriceFen: { silver: 8490 } }),
  p('imported-orange', '澳洲脐橙', 'imported', '2kg/箱', 4990),
  p('dairy-milk-950', '鲜牛奶', 'dairy', '950ml', 1590, { memberPriceFen: { silver: 1490 }, paidPriceFen: 1390 }),
  p('dairy-milk-250', '巴氏鲜奶小瓶', 'dairy', '250ml×6瓶', 2390),
  p('dairy-a2', 'A2β-酪蛋白鲜奶', 'dairy', '780ml', 2290, { memberPriceFen: { gold: 2090 } }),
  p('dairy-organic', '有机纯牛奶', 'dairy', '250ml×12盒', 6990, { noExtraDiscount: true }),
  p('dairy-goat', '高钙羊奶', 'dairy', '200ml×10瓶', 5990),
  p('yogurt-greek', '希腊式浓缩酸奶', 'yogurt', '150g×4杯', 2590, { memberPriceFen: { silver: 2390 } }),
  p('yogurt-drink', '风味发酵乳', 'yogurt', '1.1kg', 2190),
  p('yogurt-cheese', '马苏里拉奶酪', 'yogurt', '200g', 3290),
  p('yogurt-cream-cheese', '奶油奶酪', 'yogurt', '200g', 2890),
  p('yogurt-kids', '儿童奶酪棒', 'yogurt', '20支/盒', 4990, { paidPriceFen: 4490 }),
  p('veg-tomato', '普罗旺斯番茄', 'veg', '1.5kg/盒', 1990),
  p('veg-lettuce', '水培生菜', 'veg', '300g×2', 990, { noExtraDiscount: true }),
  p('veg-corn', '东北甜糯玉米', 'veg', '6根/袋', 1690),
  p('veg-potato', '土豆', 'veg', '2.5kg/袋', 1290),
  p('veg-mushroom', '鲜香菇', 'veg', '400g/盒', 1490),
  p('gift-fruit-box', '鲜果礼盒·团圆', 'gift', '约4kg/盒', 19800, { memberPriceFen: { gold: 17800, diamond: 16800 }, paidPriceFen: 17800 }),
  p('gift-milk-box', '鲜奶周卡', 'gift', '950ml×7瓶', 9900, { paidPriceFen: 8900 }),
  p('flash-watermelon', '麒麟西瓜（小抢购）', 'flash', '约5kg/个', 2990, { noExtraDiscount: true, description: '每日限量，当天提货' }),
  p('flash-bread', '当日鲜切吐司（小抢购）', 'flash', '400g', 990, { noExtraDiscount: true }),
];

/**
 * The demo stores, where they really would be in Shenzhen (GCJ-02, as Tencent's map and
 * wx.getLocation give them): from 海岸城 (22.5170, 113.9360) the flagship is nearest (about 2.8 km),
 * then 西乡 (8.9 km), then 福田 (12.4 km); from 会展中心 (22.5330, 114.0590) 福田 is nearest (0.5 km).
 */
export const DEMO_STORES = [
  { storeId: 'store-flagship', name: '果粒鲜选·南山旗舰店', address: '深圳市南山区科技园南路 88 号', hours: '08:00–22:00', phone: '0755-2660 8801', location: { lat: 22.5372, lng: 113.9528 }, sort: 1 },
  { storeId: 'store-futian', name: '果粒鲜选·福田中心店', address: '深圳市福田区福华三路 168 号', hours: '09:00–22:00', phone: '0755-8291 6602', location: { lat: 22.5358, lng: 114.0546 }, sort: 2 },
  { storeId: 'store-baoan', name: '果粒鲜选·宝安西乡店', address: '深圳市宝安区西乡大道 300 号', hours: '08:30–21:30', phone: '0755-2795 3303', location: { lat: 22.5781, lng: 113.8802 }, sort: 3 },
];

/** Stock per store: the flagship carries everything; the others a little less of some things. */
export function demoStock(storeId: string, skuId: string, index: number): number {
  if (storeId === 'store-flagship') return 40 + ((index * 7) % 50);
  if (storeId === 'store-baoan' && skuId.startsWith('imported-')) return 0;
  return 10 + ((index * 11) % 30);
}

export function demoPriceLists(now: Date): PriceList[] {
  const year = Number(businessDate(now).slice(0, 4));
  return [
    {
      priceListId: 'pl-group-a',
      name: '鲜果A群专享',
      audience: { type: 'group', values: ['gid-fresh-a'] },
      window: { from: `${year - 1}-01-01`, to: `${year + 1}-12-31` },
      items: [
        { skuId: 'fruit-strawberry', priceFen: 2990, perMemberQty: 2 },
        { skuId: 'imported-cherry', priceFen: 9900, totalQty: 50, perMemberQty: 1 },
        { skuId: 'dairy-milk-950', priceFen: 1290 },
      ],
    },
    {
      priceListId: 'pl-wednesday',
      name: '周三会员日',
      audience: { type: 'tier', values: ['silver'] },
      window: { from: `${year - 1}-01-01`, to: `${year + 1}-12-31`, weekdays: [3] },
      items: [{ skuId: 'fruit-durian', priceFen: 12800, perMemberQty: 1 }],
    },
    {
      priceListId: 'pl-new-customer',
      name: '新人首单价',
      audience: { type: 'new' },
      window: { from: `${year - 1}-01-01`, to: `${year + 1}-12-31` },
      items: [{ skuId: 'fruit-banana', priceFen: 590, perMemberQty: 1 }],
    },
  ];
}
