import { useMemo, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import type { WalletCouponView } from '@contract/coupon';
import { CouponCard, useProductNames, walletCardView } from '@/components/coupon-card';
import { openCouponUse } from '@/utils/couponUse';
import { ErrorState } from '@/components/error-state';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { useCloud, useRefreshErrorToast } from '@/hooks/useCloud';
import { callCloud, toCloudCallError } from '@/services/cloud';
import { toastError } from '@/services/action';
import { groupWallet, WALLET_TABS, type WalletTab, type WalletTabKey } from './model';
import './index.scss';
import { useFreshOnShow } from '@/hooks/useFreshOnShow';

const COUPON_CENTRE = '/packages/member/pages/coupon-centre/index';
const POINTS_MALL = '/packages/member/pages/points-mall/index';

const open = (url: string) => () => void Taro.navigateTo({ url });

/** 加载更多: the next page's cursor (null: all shown), and whether it is on its way. */
interface MoreState {
  cursor: string | null;
  loading: boolean;
  load: () => void;
}

function WalletLinks() {
  return (
    <View className='wallet__links'>
      <View className='wallet__link' data-testid='wallet-link-centre' onClick={open(COUPON_CENTRE)}>
        <Text className='wallet__link-icon wallet__link-icon--centre'>领</Text>
        <Text className='wallet__link-text'>领券中心</Text>
        <Text className='wallet__link-arrow'>›</Text>
      </View>
      <View className='wallet__link' data-testid='wallet-link-mall' onClick={open(POINTS_MALL)}>
        <Text className='wallet__link-icon wallet__link-icon--mall'>积</Text>
        <Text className='wallet__link-text'>积分商城</Text>
        <Text className='wallet__link-arrow'>›</Text>
      </View>
    </View>
  );
}

function EmptyWallet({ tab }: { tab: WalletTab }) {
  return (
    <View className='wallet__empty' data-testid='wallet-empty'>
      <View className='wallet__empty-icon'>
        <Text>券</Text>
      </View>
      <Text className='wallet__empty-text'>{tab.empty}</Text>
      {tab.key === 'unused' && (
        <View className='wallet__empty-actions'>
          <Button className='wallet__empty-cta' onClick={open(COUPON_CENTRE)}>
            去领券中心
          </Button>
          <Button className='wallet__empty-cta wallet__empty-cta--ghost' onClick={open(POINTS_MALL)}>
            去积分商城
          </Button>
        </View>
      )}
    </View>
  );
}

function WalletSkeleton() {
  return (
    <View className='wallet__list' data-testid='wallet-skeleton'>
      {[0, 1, 2].map((i) => (
        <View key={i} className='wallet__skeleton' />
      ))}
    </View>
  );
}

function CouponList({ coupons, more }: { coupons: WalletCouponView[]; more: MoreState }) {
  const nameOf = useProductNames(coupons.map((c) => c.appliesTo));
  return (
    <View className='wallet__list'>
      {coupons.map((c) => (
        <CouponCard
          key={c.couponId}
          view={walletCardView(c, nameOf)}
          action={
            c.status === 'unused' ? (
              <Button className='coupon-action coupon-action--ghost wallet__use' data-testid='wallet-use' onClick={() => openCouponUse(c.appliesTo)}>
                去使用
              </Button>
            ) : undefined
          }
        />
      ))}
      {more.cursor ? (
        <Button className='wallet__more' data-testid='wallet-more' loading={more.loading} disabled={more.loading} onClick={more.load}>
          {more.loading ? '加载中…' : '加载更多'}
        </Button>
      ) : (
        <Text className='wallet__end'>结算时自动推荐最省的一张券</Text>
      )}
    </View>
  );
}

/** 我的优惠券: every coupon the member holds, by 未使用 / 已使用 / 已过期 (the server decides which). */
export default function WalletPage() {
  const [tabKey, setTabKey] = useState<WalletTabKey>('unused');
  const { data, error, loading, reload } = useCloud(() => callCloud('coupon', { action: 'wallet' }), []);
  // The pages after the first (a member with more than a page of coupons): dropped when the first reloads.
  const [later, setLater] = useState<{ coupons: WalletCouponView[]; cursor: string | null; from: unknown } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const pages = later && later.from === data ? later : null;
  const cursor = pages ? pages.cursor : (data?.cursor ?? null);
  const groups = useMemo(() => (data ? groupWallet([...data.coupons, ...(pages?.coupons ?? [])]) : null), [data, pages]);
  const loadMore = async () => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const next = await callCloud('coupon', { action: 'wallet', cursor });
      setLater({ coupons: [...(pages?.coupons ?? []), ...next.coupons], cursor: next.cursor, from: data });
    } catch (err) {
      toastError(toCloudCallError(err).message);
    } finally {
      setLoadingMore(false);
    }
  };
  useReachBottom(() => void loadMore());
  const more: MoreState = { cursor, loading: loadingMore, load: () => void loadMore() };

  useFreshOnShow(reload);

  // A failed refresh keeps the list and only says so.
  useRefreshErrorToast(error, data);

  const tab = WALLET_TABS.find((t) => t.key === tabKey) ?? WALLET_TABS[0];
  let body: JSX.Element;
  if (groups && groups[tabKey].length === 0) body = <EmptyWallet tab={tab} />;
  else if (groups) body = <CouponList coupons={groups[tabKey]} more={more} />;
  else if (error) body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  else body = <WalletSkeleton />;

  return (
    <View className='wallet'>
      <View className='wallet__tabs'>
        {WALLET_TABS.map((t) => (
          <View
            key={t.key}
            className={`wallet__tab wallet__tab--${t.key}${t.key === tabKey ? ' wallet__tab--active' : ''}`}
            data-testid={`wallet-tab-${t.key}`}
            onClick={() => setTabKey(t.key)}
          >
            <Text className='wallet__tab-text'>{t.title}</Text>
            {groups && <Text className='wallet__tab-count'>{data?.counts?.[t.key] ?? groups[t.key].length}</Text>}
          </View>
        ))}
      </View>
      <View className='wallet__body'>
        <WalletLinks />
        {body}
      </View>
      <PersonaSwitcher />
    </View>
  );
}
