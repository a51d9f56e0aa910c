import { Text, View } from '@tarojs/components';
import type { LedgerRowView } from '@/packages/member/pages/ledger/model';
import './index.scss';

/** One line of a history: why, when, the change and the balance after it. */
export function LedgerRow({ view }: { view: LedgerRowView }) {
  return (
    <View className={`ledger-row${view.tierChange ? ' ledger-row--tier' : ''}`} data-testid='ledger-row'>
      <View className='ledger-row__main'>
        <View className='ledger-row__title-line'>
          <Text className='ledger-row__title'>{view.title}</Text>
          {view.tierChange && (
            <Text className={`ledger-row__tier ledger-row__tier--${view.tierChange.direction}`} data-testid='ledger-tier-change'>
              {view.tierChange.text}
            </Text>
          )}
        </View>
        <Text className='ledger-row__time'>{view.time}</Text>
        {view.note && <Text className='ledger-row__note'>{view.note}</Text>}
      </View>
      <View className='ledger-row__side'>
        {view.delta !== null && (
          <Text className={`ledger-row__delta ledger-row__delta--${view.tone}`} data-testid='ledger-delta'>
            {view.delta}
          </Text>
        )}
        <Text className='ledger-row__balance'>{view.balance}</Text>
      </View>
    </View>
  );
}
