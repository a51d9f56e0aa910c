import { Text, View } from '@tarojs/components';
import type { TierCardView } from '@/pages/member/model';
import './index.scss';

interface TierCardProps {
  view: TierCardView;
  /** Opens the 果粒值 history. */
  onOpenGrowth: () => void;
}

export function TierCard({ view, onOpenGrowth }: TierCardProps) {
  return (
    <View className={`tier-card tier-card--${view.tier}`} id='tier-card'>
      <View className='tier-card__head'>
        <View className='tier-card__badge'>
          <Text className='tier-card__tier' id='tier-name'>
            {view.tierName}
          </Text>
          <Text className='tier-card__tier-suffix'>会员</Text>
        </View>
        <Text className='tier-card__ledger-link' data-testid='tier-ledger-link' onClick={onOpenGrowth}>
          果粒值明细 ›
        </Text>
      </View>

      <View className='tier-card__growth' data-testid='tier-growth-open' onClick={onOpenGrowth}>
        <Text className='tier-card__growth-value' id='tier-growth'>
          {view.growth}
        </Text>
        <Text className='tier-card__growth-label'>果粒值</Text>
      </View>

      <View className='tier-card__progress'>
        <View className='tier-card__progress-track'>
          <View className='tier-card__progress-fill' style={{ width: `${view.progressPercent}%` }} />
        </View>
        <View className='tier-card__progress-meta'>
          <Text className='tier-card__upgrade-hint' id='tier-upgrade-hint'>
            {view.upgradeHint}
          </Text>
          {view.progressText && <Text className='tier-card__progress-text'>{view.progressText}</Text>}
        </View>
      </View>

      {view.validity && (
        <View className='tier-card__keep'>
          <Text className='tier-card__keep-text' id='tier-keep-hint'>
            {view.validity.keepHint}
          </Text>
          <Text className='tier-card__deduction' id='tier-deduction-hint'>
            {`${view.validity.deductionHint}，按剩余果粒值重新评定等级`}
          </Text>
        </View>
      )}
    </View>
  );
}
