import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { TIER_NAMES, type Tier } from '@core/tier';
import { benefitRows, TIER_TABS } from './benefits';
import './index.scss';

export { BENEFITS, benefitRows, TIER_TABS, type Benefit, type BenefitRow, type TierTab } from './benefits';

interface BenefitListProps {
  /** The member's own tier: highlighted, and shown first. */
  currentTier: Tier;
}

/** 会员权益: the benefits of each tier, the member's own tier marked; tap a tier to see its benefits. */
export function BenefitList({ currentTier }: BenefitListProps) {
  const [selected, setSelected] = useState<Tier>(currentTier);
  const rows = benefitRows(selected);
  return (
    <View className='benefit-list' id='benefit-list'>
      <View className='benefit-list__head'>
        <Text className='benefit-list__title'>会员权益</Text>
        <Text className='benefit-list__current'>当前等级：{TIER_NAMES[currentTier]}</Text>
      </View>
      <View className='benefit-list__tiers'>
        {TIER_TABS.map((tab) => {
          const classes = ['benefit-list__tier', `benefit-list__tier--${tab.tier}`];
          if (tab.tier === selected) classes.push('benefit-list__tier--selected');
          if (tab.tier === currentTier) classes.push('benefit-list__tier--mine');
          return (
            <View key={tab.tier} className={classes.join(' ')} data-testid={`benefit-tier-${tab.tier}`} onClick={() => setSelected(tab.tier)}>
              {tab.tier === currentTier && <Text className='benefit-list__mine-badge'>当前</Text>}
              <Text className='benefit-list__tier-name'>{tab.name}</Text>
              <Text className='benefit-list__tier-threshold'>{tab.threshold}</Text>
            </View>
          );
        })}
      </View>
      <View className='benefit-list__items'>
        {rows.map((row) => (
          <View
            key={row.key}
            className={`benefit-list__item ${row.included ? 'benefit-list__item--included' : 'benefit-list__item--locked'}`}
            data-testid={`benefit-${row.key}`}
          >
            <View className='benefit-list__glyph'>
              <Text>{row.glyph}</Text>
            </View>
            <View className='benefit-list__text'>
              <Text className='benefit-list__item-title'>{row.title}</Text>
              <Text className='benefit-list__item-desc'>{row.text}</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
