import { Text, View } from '@tarojs/components';
import type { CardView } from '@/packages/member/pages/membership/model';
import './index.scss';

const HEADLINE_PERKS = ['全场95折', '周五85折', '每月券包', '积分双倍'];

/** The top of the page: the member's 心享 card, or what a card gives. */
export function CardHero({ card }: { card: CardView | null }) {
  if (!card) {
    return (
      <View className='card-hero card-hero--invite' id='membership-invite'>
        <Text className='card-hero__brand'>果粒鲜选 · 心享会员</Text>
        <Text className='card-hero__headline'>开通心享，天天买菜更省</Text>
        <View className='card-hero__perks'>
          {HEADLINE_PERKS.map((perk) => (
            <Text key={perk} className='card-hero__perk'>
              {perk}
            </Text>
          ))}
        </View>
        <Text className='card-hero__foot'>开卡保本：一年省下的不足年费，差额以无门槛券返还</Text>
      </View>
    );
  }
  return (
    <View className={`card-hero card-hero--${card.plan}`} id='membership-card' data-plan={card.plan}>
      <View className='card-hero__top'>
        <Text className='card-hero__brand'>果粒鲜选 · 心享会员</Text>
        {card.trial && (
          <Text className='card-hero__trial' id='membership-trial'>
            体验卡
          </Text>
        )}
      </View>
      <Text className='card-hero__name' id='membership-card-name'>
        {card.name}
      </Text>
      <Text className='card-hero__expiry' id='membership-card-expiry'>
        有效期至 {card.endDate}
      </Text>
      <Text className='card-hero__foot'>{card.trial ? '体验期内享心享会员折扣与权益' : '95折每天享，周五85折，折上折'}</Text>
    </View>
  );
}
