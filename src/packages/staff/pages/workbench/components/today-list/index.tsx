import { Text, View } from '@tarojs/components';
import { formatFen } from '@core/money';
import { ErrorState } from '@/components/error-state';
import { useCloud } from '@/hooks/useCloud';
import { callCloud } from '@/services/cloud';
import { staffName, timeOfDay } from '@/packages/staff/pages/workbench/model';
import './index.scss';

/**
 * 今日记录: what this store handed over and credited today (Shanghai day): pickups, receipt credits
 * (a refunded receipt stays listed, marked 已退款) and gifts. `version` changes after each action here,
 * which asks again.
 */
export function TodayList({ version }: { version: number }) {
  const { data, error, loading, reload } = useCloud(() => callCloud('staff', { action: 'today' }), [version]);

  if (!data) {
    if (error) return <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
    return (
      <View className='today-list today-list--loading'>
        <Text>正在加载今日记录…</Text>
      </View>
    );
  }

  const empty = data.pickups.length + data.credits.length + data.gifts.length === 0;
  return (
    <View className='today-list' data-testid='today-list'>
      <View className='today-list__head'>
        <Text className='today-list__title'>今日记录</Text>
        <Text className='today-list__date'>{data.date}</Text>
      </View>
      {empty && (
        <Text className='today-list__empty' data-testid='today-empty'>
          今天还没有核销或积分记录
        </Text>
      )}

      {data.credits.length > 0 && (
        <View className='today-list__group'>
          <Text className='today-list__group-title'>{`到店积分 ${data.credits.length} 笔`}</Text>
          {data.credits.map((c) => (
            <View className={`today-list__row${c.refundedAt ? ' today-list__row--refunded' : ''}`} key={c.receiptNo} data-testid='today-credit'>
              <Text className='today-list__time'>{timeOfDay(c.at)}</Text>
              <View className='today-list__main'>
                <Text className='today-list__what'>{`小票 ${c.receiptNo} · ${c.memberName ?? '会员'}`}</Text>
                <Text className='today-list__detail'>{`果粒值 +${c.growthEarned} · 积分 +${c.pointsEarned}`}</Text>
              </View>
              <View className='today-list__side'>
                <Text className='today-list__amount'>{formatFen(c.amountFen)}</Text>
                {c.refundedAt && (
                  <Text className='today-list__tag' data-testid='today-credit-refunded'>
                    已退款
                  </Text>
                )}
              </View>
            </View>
          ))}
        </View>
      )}

      {data.pickups.length > 0 && (
        <View className='today-list__group'>
          <Text className='today-list__group-title'>{`自提核销 ${data.pickups.length} 单`}</Text>
          {data.pickups.map((p) => (
            <View className='today-list__row' key={p.orderId} data-testid='today-pickup'>
              <Text className='today-list__time'>{timeOfDay(p.at)}</Text>
              <View className='today-list__main'>
                <Text className='today-list__what'>{p.lines.map((l) => `${l.name}×${l.qty}`).join('、')}</Text>
                {p.by && <Text className='today-list__detail'>{`${staffName(p.by)} 核销`}</Text>}
              </View>
            </View>
          ))}
        </View>
      )}

      {data.gifts.length > 0 && (
        <View className='today-list__group'>
          <Text className='today-list__group-title'>{`赠品核销 ${data.gifts.length} 件`}</Text>
          {data.gifts.map((g) => (
            <View className='today-list__row' key={g.couponId} data-testid='today-gift'>
              <Text className='today-list__time'>{timeOfDay(g.at)}</Text>
              <View className='today-list__main'>
                <Text className='today-list__what'>{g.productName}</Text>
                <Text className='today-list__detail'>{g.memberName ?? '会员'}</Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
