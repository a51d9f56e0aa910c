import { Text, View } from '@tarojs/components';
import type { QuoteLineView } from '@contract/order';
import { formatFen } from '@core/money';
import { PriceLabel } from '@/components/price-tag';
import './index.scss';

/**
 * One priced line of the checkout: name × qty, unit price (list price struck when higher), which
 * price applied and why, the amount, and the 心享 discount on it. A product can have two lines
 * when a limited price covers only part of the quantity.
 */
export function QuoteLine({ line }: { line: QuoteLineView }) {
  const special = line.priceSource !== 'list';
  return (
    <View className='quote-line' data-testid={`quote-line-${line.skuId}`}>
      <View className='quote-line__main'>
        <View className='quote-line__title'>
          <Text className='quote-line__name'>{line.name}</Text>
          <Text className='quote-line__qty'>× {line.qty}</Text>
        </View>
        <Text className='quote-line__amount'>{formatFen(line.amountFen)}</Text>
      </View>
      <View className='quote-line__detail'>
        <View className='quote-line__why'>
          <PriceLabel label={line.priceLabel} tone={line.priceSource === 'paid' ? 'paid' : special ? 'accent' : 'brand'} />
          {line.reason && line.reason !== line.priceLabel ? <Text className='quote-line__reason'>{line.reason}</Text> : null}
        </View>
        <View className='quote-line__unit'>
          <Text className='quote-line__unit-price'>{formatFen(line.unitPriceFen)}</Text>
          {/* A long unit ("500g×2盒（礼盒装）") is cut with an ellipsis; the price beside it never moves. */}
          <Text className='quote-line__unit-name'>{`/${line.unit || '件'}`}</Text>
          {line.listPriceFen > line.unitPriceFen ? <Text className='quote-line__list-price'>{formatFen(line.listPriceFen)}</Text> : null}
        </View>
      </View>
      {line.paidMemberDiscountFen > 0 ? <Text className='quote-line__paid'>心享折上折 再减 {formatFen(line.paidMemberDiscountFen)}</Text> : null}
    </View>
  );
}
