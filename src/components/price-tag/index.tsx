import { Text, View } from '@tarojs/components';
import { formatFen } from '@core/money';
import './index.scss';

interface PriceTagProps {
  /** The member's price (fen) from the server. */
  priceFen: number;
  /** The list price (零售价); struck through when higher than the member's price. */
  listPriceFen?: number;
  /** The price's badge (会员价 / 群专享 / 心享价 …); none for 零售价. */
  label?: string | null;
  size?: 'sm' | 'md' | 'lg';
  /** A unit after the price ("/500g/盒"). */
  suffix?: string;
  className?: string;
}

/** "¥29.90" → ["¥", "29", ".90"], from formatFen so every screen formats money the same way. */
function priceParts(amountFen: number): [string, string, string] {
  const text = formatFen(amountFen);
  const yuanAt = text.indexOf('¥') + 1;
  const dotAt = text.indexOf('.');
  return [text.slice(0, yuanAt), text.slice(yuanAt, dotAt), text.slice(dotAt)];
}

/** A member price: badge, the price with a small ¥ and decimals, and the struck list price. */
export function PriceTag({ priceFen, listPriceFen, label, size = 'md', suffix, className = '' }: PriceTagProps) {
  const [symbol, yuan, decimals] = priceParts(priceFen);
  const struck = listPriceFen !== undefined && listPriceFen > priceFen;
  return (
    <View className={`price-tag price-tag--${size} ${className}`.trim()}>
      {label ? <Text className='price-tag__label'>{label}</Text> : null}
      <Text className='price-tag__price'>
        <Text className='price-tag__symbol'>{symbol}</Text>
        <Text className='price-tag__yuan'>{yuan}</Text>
        <Text className='price-tag__decimals'>{decimals}</Text>
      </Text>
      {suffix ? <Text className='price-tag__suffix'>{suffix}</Text> : null}
      {struck ? <Text className='price-tag__list'>{formatFen(listPriceFen)}</Text> : null}
    </View>
  );
}

/** The badge alone, for lines that explain their price (checkout, cart). */
export function PriceLabel({ label, tone = 'accent' }: { label: string; tone?: 'accent' | 'brand' | 'paid' }) {
  return <Text className={`price-tag__label price-tag__label--${tone}`}>{label}</Text>;
}
