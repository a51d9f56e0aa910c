import { Button, Text, View } from '@tarojs/components';
import type { StaffResponses } from '@contract/staff';
import { formatShanghaiDateTime } from '@/components/order-card/format';
import type { FailureView } from '@/packages/staff/pages/workbench/model';
import './index.scss';

type Redeemed = StaffResponses['redeem'];

/** ✓ 已核销: big enough to read from across the counter. */
export function RedeemedCard({ result, onNext }: { result: Redeemed; onNext: () => void }) {
  return (
    <View className='result-card result-card--success' data-testid='redeem-success'>
      <View className='result-card__icon'>
        <Text>✓</Text>
      </View>
      <Text className='result-card__title'>已核销</Text>
      <Text className='result-card__time' data-testid='redeem-time'>
        {formatShanghaiDateTime(result.pickedUpAt, { seconds: true })}
      </Text>
      <View className='result-card__lines'>
        {result.lines.map((l) => (
          <Text className='result-card__line' key={l.skuId}>
            {l.name} ×{l.qty}
          </Text>
        ))}
      </View>
      <Text className='result-card__order'>订单号 {result.orderId}</Text>
      <Button className='result-card__next' data-testid='redeem-next' onClick={onNext}>
        继续核销
      </Button>
    </View>
  );
}

/** Why a code cannot be handed over, with the specifics (when and by whom, which store). */
export function FailureCard({ failure, onRetry }: { failure: FailureView; onRetry: () => void }) {
  return (
    <View className={`result-card result-card--failure result-card--${failure.code}`} data-testid='redeem-failure' data-code={failure.code}>
      <View className='result-card__icon'>
        <Text>!</Text>
      </View>
      <Text className='result-card__title'>{failure.title}</Text>
      <Text className='result-card__detail' data-testid='redeem-failure-detail'>
        {failure.detail}
      </Text>
      <Button className='result-card__next result-card__next--secondary' onClick={onRetry}>
        重新输入
      </Button>
    </View>
  );
}
