import { Text, View } from '@tarojs/components';
import type { VoucherView } from '@contract/order';
import { formatShanghaiDateTime, formatShortCode } from '@/components/order-card/format';
import { VoucherQr } from '@/components/voucher-qr';
import { StoreCard } from '@/components/store-card';
import './index.scss';

/** 取货凭证: what the member shows at the counter — the QR for the scanner, the short code to read out. */
export function VoucherCard({ voucher, storeName }: { voucher: VoucherView; storeName: string }) {
  return (
    <View className='voucher-card' data-testid='voucher-card'>
      <View className='voucher-card__head'>
        <Text className='voucher-card__title'>取货凭证</Text>
        <Text className='voucher-card__hint'>向店员出示二维码或取货码</Text>
      </View>
      <View className='voucher-card__qr'>
        <VoucherQr code={voucher.code} />
      </View>
      <Text className='voucher-card__code-label'>取货码</Text>
      <Text className='voucher-card__short-code' data-testid='voucher-short-code'>
        {formatShortCode(voucher.shortCode)}
      </Text>
      <View className='voucher-card__divider' />
      <View className='voucher-card__store'>
        <Text className='voucher-card__store-label'>自提门店</Text>
        <Text className='voucher-card__store-name' data-testid='voucher-store'>
          {storeName}
        </Text>
      </View>
      <StoreCard voucherCode={voucher.code} />
      <Text className='voucher-card__expiry' data-testid='voucher-expiry'>
        请在 {formatShanghaiDateTime(voucher.expiresAt)} 前到店出示
      </Text>
    </View>
  );
}
