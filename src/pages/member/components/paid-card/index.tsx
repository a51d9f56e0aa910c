import { Button, Text, View } from '@tarojs/components';
import type { PaidCardView } from '@/pages/member/model';
import './index.scss';

const PERKS = ['专享折上折', '积分双倍', '每月券包', '生日礼遇'];

interface PaidCardProps {
  view: PaidCardView;
  /** Opens the 心享会员 page (plans, the card, its coupon packs). */
  onOpen: () => void;
}

/** 心享会员: the member's paid card, or an invitation to get one. */
export function PaidCard({ view, onOpen }: PaidCardProps) {
  return (
    <View className={`paid-card ${view.active ? 'paid-card--active' : 'paid-card--invite'}`} id='paid-card'>
      <View className='paid-card__head'>
        <Text className='paid-card__title'>心享会员{view.active ? ` · ${view.planName}` : ''}</Text>
        <Button className='paid-card__cta' size='mini' data-testid='paid-card-open' onClick={onOpen}>
          {view.active ? '查看权益' : '了解详情'}
        </Button>
      </View>
      {view.active && (
        <Text className='paid-card__expiry' id='paid-card-expiry'>
          有效期至 {view.endDate}
        </Text>
      )}
      <Text className='paid-card__lead'>{view.active ? '你已享有以下心享权益' : '开通心享会员，天天买菜更省'}</Text>
      <View className='paid-card__perks'>
        {PERKS.map((perk) => (
          <Text className='paid-card__perk' key={perk}>
            {perk}
          </Text>
        ))}
      </View>
    </View>
  );
}
