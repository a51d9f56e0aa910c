import type { EntityName } from '@contract/admin';
import { AUDIT_URL, DASHBOARD_URL, editUrl, listUrl, STOCK_URL } from '@/packages/ops/model/entities';

export interface ConsoleTile {
  key: string;
  title: string;
  glyph: string;
  url: string;
}

const entityTile = (entity: EntityName, title: string, glyph: string): ConsoleTile => ({ key: entity, title, glyph, url: listUrl(entity) });

/** The console's grid, in the order operators reach for it. Rule sets open their form directly. */
export const CONSOLE_TILES: readonly ConsoleTile[] = [
  { key: 'dashboard', title: '数据看板', glyph: '数', url: DASHBOARD_URL },
  entityTile('product', '商品', '商'),
  { key: 'stock', title: '库存', glyph: '库', url: STOCK_URL },
  entityTile('priceList', '价目表', '价'),
  entityTile('couponTemplate', '优惠券', '券'),
  entityTile('campaign', '活动', '活'),
  entityTile('liveSession', '直播', '播'),
  entityTile('banner', '轮播图', '图'),
  entityTile('plan', '付费卡', '卡'),
  entityTile('tierBenefit', '等级权益', '等'),
  entityTile('store', '门店', '店'),
  entityTile('staff', '员工', '员'),
  { key: 'segmentRules', title: '分层规则', glyph: '层', url: editUrl('segmentRules') },
  { key: 'referralRule', title: '邀请规则', glyph: '邀', url: editUrl('referralRule') },
  { key: 'audit', title: '操作日志', glyph: '志', url: AUDIT_URL },
];

/** A store manager's console: their store's stock. */
export const MANAGER_TILES: readonly ConsoleTile[] = CONSOLE_TILES.filter((t) => t.key === 'stock');
