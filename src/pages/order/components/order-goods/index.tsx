import { Text, View } from '@tarojs/components';
import type { OrderView, QuoteLineView } from '@contract/order';
import { formatFen } from '@core/money';
import { ProductThumb } from '@/components/order-card';
import { amountRows, earnedText, priceSavingText, refundedNotes } from '@/pages/order/model';
import './index.scss';

function GoodsLine({ line, refunded }: { line: QuoteLineView; refunded: string | null }) {
  const discounted = line.unitPriceFen < line.listPriceFen;
  return (
    <View className='order-goods__line' data-testid='order-line'>
      <ProductThumb skuId={line.skuId} />
      <View className='order-goods__info'>
        <Text className='order-goods__name'>{line.name}</Text>
        <Text className='order-goods__unit'>{line.unit}</Text>
        {line.priceSource !== 'list' && (
          <View className='order-goods__price-why'>
            <Text className={`order-goods__tag order-goods__tag--${line.priceSource}`}>{line.priceLabel}</Text>
            <Text className='order-goods__reason'>{line.reason}</Text>
          </View>
        )}
        {refunded && (
          <Text className='order-goods__refunded' data-testid='order-line-refunded'>
            {refunded}
          </Text>
        )}
      </View>
      <View className='order-goods__price'>
        <Text className='order-goods__amount'>{formatFen(line.amountFen)}</Text>
        <Text className='order-goods__unit-price'>
          {formatFen(line.unitPriceFen)} × {line.qty}
        </Text>
        {discounted && <Text className='order-goods__list-price'>{formatFen(line.listPriceFen)}</Text>}
      </View>
    </View>
  );
}

/** 商品清单 and 金额明细: every line with the price that applied and why, then the order's discounts. */
export function OrderGoods({ order }: { order: OrderView }) {
  const saving = priceSavingText(order);
  const earned = earnedText(order);
  const refunded = refundedNotes(order);
  return (
    <View className='order-goods'>
      <View className='order-goods__head'>
        <Text className='order-goods__title'>商品清单</Text>
        <Text className='order-goods__count'>共 {order.lines.reduce((n, l) => n + l.qty, 0)} 件</Text>
      </View>
      {order.lines.map((line, i) => (
        <GoodsLine key={`${line.skuId}-${i}`} line={line} refunded={refunded[i]} />
      ))}

      <View className='order-goods__amounts'>
        {amountRows(order).map((row) => (
          <View className='order-goods__row' key={row.key}>
            <Text className='order-goods__row-label'>{row.label}</Text>
            <Text className={`order-goods__row-value${row.discount ? ' order-goods__row-value--discount' : ''}`}>{row.value}</Text>
          </View>
        ))}
        {saving && <Text className='order-goods__saving'>{saving}</Text>}
        <View className='order-goods__payable'>
          <Text className='order-goods__payable-label'>{order.paidAt ? '实付款' : order.status === 'pending_payment' ? '应付款' : '订单金额'}</Text>
          <Text className='order-goods__payable-value' data-testid='order-payable'>
            {formatFen(order.payableFen)}
          </Text>
        </View>
        {order.refundedFen > 0 && (
          <View className='order-goods__row order-goods__row--refunded'>
            <Text className='order-goods__row-label'>已退款</Text>
            <Text className='order-goods__row-value order-goods__refunded-value' data-testid='order-refunded'>
              {formatFen(order.refundedFen)}
            </Text>
          </View>
        )}
        {earned && (
          <View className='order-goods__earned'>
            <Text className='order-goods__earned-text' data-testid='order-earned'>
              {earned}
            </Text>
          </View>
        )}
      </View>
    </View>
  );
}
