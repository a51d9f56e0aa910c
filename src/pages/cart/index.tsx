import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { formatFen } from '@core/money';
import { ErrorState } from '@/components/error-state';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { PriceLabel } from '@/components/price-tag';
import { QtyStepper } from '@/components/qty-stepper';
import { useCloud } from '@/hooks/useCloud';
import { toast } from '@/services/action';
import { cartLines, MAX_LINE_QTY, removeFromCart, setCartQty, syncCartBadge, type CartLine } from '@/services/cart';
import { callCloud, CloudCallError } from '@/services/cloud';
import { currentStore, currentStoreId, loadShelf } from '@/services/store';
import { ProductThumb } from '../index/components/product-thumb';
import { ShopSkeleton } from '../index/components/shop-skeleton';
import { cartRows, checkoutBlocker, type CartRow } from './model';
import './index.scss';

/** Steppers re-price after the member stops tapping for this long. */
const REQUOTE_DELAY_MS = 300;

function CartRowView({ row, onQty, onRemove }: { row: CartRow; onQty: (qty: number) => void; onRemove: () => void }) {
  const soldOut = row.stock <= 0;
  return (
    <View className={`cart-row${soldOut ? ' cart-row--sold-out' : ''}`} data-testid={`cart-row-${row.skuId}`}>
      <ProductThumb category={row.category} image={row.image} size='sm' soldOut={soldOut} />
      <View className='cart-row__body'>
        <View className='cart-row__head'>
          <Text className='cart-row__name'>{row.name}</Text>
          <Text className='cart-row__remove' data-testid='cart-remove' onClick={onRemove}>
            删除
          </Text>
        </View>
        <Text className='cart-row__unit'>{row.unit}</Text>
        <View className='cart-row__prices'>
          {row.segments.map((s, i) => (
            <View className='cart-row__segment' key={`${s.priceSource}-${i}`}>
              {s.priceSource !== 'list' ? <PriceLabel label={s.priceLabel} tone={s.priceSource === 'paid' ? 'paid' : 'accent'} /> : null}
              <Text className='cart-row__unit-price'>{`${formatFen(s.unitPriceFen)}${row.segments.length > 1 ? ` × ${s.qty}` : ''}`}</Text>
            </View>
          ))}
        </View>
        {soldOut ? <Text className='cart-row__warn'>本店已售罄</Text> : row.shortBy > 0 ? <Text className='cart-row__warn'>库存不足，仅剩 {row.stock} 件</Text> : null}
        <View className='cart-row__foot'>
          <Text className='cart-row__amount'>{row.amountFen === null ? '计算中…' : formatFen(row.amountFen)}</Text>
          <QtyStepper value={row.qty} min={1} max={Math.max(1, Math.min(MAX_LINE_QTY, row.stock || row.qty))} disabled={soldOut} size='sm' onChange={onQty} />
        </View>
      </View>
    </View>
  );
}

/** 购物车: the chosen store's lines, priced live by the server (`order.quote`). */
export default function Cart() {
  const shelf = useCloud(loadShelf, []);
  const storeId = shelf.data?.store.storeId ?? null;
  const [lines, setLines] = useState<CartLine[]>([]);
  /** The lines the quote prices: follows `lines`, a moment later while the member taps a stepper. */
  const [priced, setPriced] = useState<CartLine[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const shownOnce = useRef(false);

  const showLines = (next: CartLine[], delayQuote: boolean) => {
    setLines(next);
    if (timer.current) clearTimeout(timer.current);
    if (delayQuote) timer.current = setTimeout(() => setPriced(next), REQUOTE_DELAY_MS);
    else setPriced(next);
  };
  useEffect(() => () => timer.current && clearTimeout(timer.current), []);

  useEffect(() => {
    if (!storeId) return;
    showLines(cartLines(storeId), false);
    syncCartBadge(storeId);
  }, [storeId]);

  useDidShow(() => {
    if (!shownOnce.current) {
      shownOnce.current = true;
      return;
    }
    // Back from the shop, a product or a paid order: the store, the lines or the stock may have changed.
    const chosen = currentStoreId();
    if (chosen && chosen === storeId) showLines(cartLines(chosen), false);
    void shelf.reload();
  });

  const pricedKey = JSON.stringify(priced);
  const quote = useCloud(async () => {
    if (!storeId || priced.length === 0) return undefined;
    return callCloud('order', { action: 'quote', storeId, items: priced.map(({ skuId, qty }) => ({ skuId, qty })) });
  }, [storeId, pricedKey]);

  // A product taken off the shelf cannot be priced: drop it and say so.
  useEffect(() => {
    const err = quote.error;
    if (!storeId || !(err instanceof CloudCallError) || err.code !== 'NOT_FOUND') return;
    const skuId = typeof err.details?.skuId === 'string' ? err.details.skuId : null;
    if (!skuId) return;
    showLines(removeFromCart(storeId, [skuId]), false);
    syncCartBadge(storeId);
    toast('有商品已下架，已从购物车移除');
  }, [quote.error, storeId]);

  const changeQty = (skuId: string, qty: number) => {
    if (!storeId) return;
    showLines(setCartQty(storeId, skuId, qty), true);
    syncCartBadge(storeId);
  };
  const remove = (skuId: string) => {
    if (!storeId) return;
    showLines(removeFromCart(storeId, [skuId]), false);
    syncCartBadge(storeId);
  };

  const upToDate = JSON.stringify(lines) === pricedKey && !quote.loading;
  const quoteView = upToDate ? quote.data : undefined;
  const rows = cartRows(lines, shelf.data?.products ?? [], quote.data);
  const blocker = checkoutBlocker(rows);
  const units = lines.reduce((sum, l) => sum + l.qty, 0);

  const settle = () => {
    if (blocker) {
      toast(blocker);
      return;
    }
    if (!quoteView) return;
    void Taro.navigateTo({ url: '/pages/checkout/index' });
  };

  const store = shelf.data?.store ?? currentStore();
  let body: JSX.Element;
  if (shelf.data && lines.length === 0) {
    body = (
      <View className='cart__empty' id='cart-empty'>
        <View className='cart__empty-icon'>
          <Text>空</Text>
        </View>
        <Text className='cart__empty-title'>购物车还是空的</Text>
        <Text className='cart__empty-text'>当季鲜果、鲜奶乳品，会员价等你来挑</Text>
        <View className='cart__empty-action' id='cart-go-shop' onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
          <Text>去逛逛</Text>
        </View>
      </View>
    );
  } else if (shelf.data) {
    body = (
      <View className='cart__list' id='cart-list'>
        {rows.map((row) => (
          <CartRowView key={row.skuId} row={row} onQty={(qty) => changeQty(row.skuId, qty)} onRemove={() => remove(row.skuId)} />
        ))}
        {quote.error && !(quote.error.code === 'NOT_FOUND' && quote.error.details?.skuId) ? (
          <View className='cart__quote-error' onClick={() => void quote.reload()}>
            <Text>价格计算失败：{quote.error.message}，点击重试</Text>
          </View>
        ) : null}
      </View>
    );
  } else if (shelf.error) {
    body = <ErrorState message={shelf.error.message} onRetry={() => void shelf.reload()} retrying={shelf.loading} />;
  } else {
    body = <ShopSkeleton rows={2} />;
  }

  const saved = quoteView ? quoteView.listTotalFen - quoteView.payableFen : 0;
  return (
    <View className={`cart${lines.length ? ' cart--with-bar' : ''}`}>
      <View className='cart__store' onClick={() => void Taro.navigateTo({ url: '/packages/shop/pages/store/index' })}>
        <Text className='cart__store-tag'>自提</Text>
        <Text className='cart__store-name'>{store?.name ?? '选择自提门店'}</Text>
        <Text className='cart__store-switch'>切换 ›</Text>
      </View>
      <View className='cart__body'>{body}</View>

      {shelf.data && lines.length > 0 && (
        <View className='cart__bar'>
          <View className='cart__total'>
            <View className='cart__total-line'>
              <Text className='cart__total-label'>合计</Text>
              <Text className='cart__total-amount' id='cart-total'>
                {quoteView ? formatFen(quoteView.payableFen) : '计算中…'}
              </Text>
            </View>
            {saved > 0 ? <Text className='cart__saved'>已优惠 {formatFen(saved)}，不含积分抵扣</Text> : <Text className='cart__saved'>不含积分抵扣</Text>}
          </View>
          <View className={`cart__settle${blocker || !quoteView ? ' cart__settle--off' : ''}`} id='cart-settle' onClick={settle}>
            <Text>去结算({units})</Text>
          </View>
        </View>
      )}
      <PersonaSwitcher />
    </View>
  );
}
