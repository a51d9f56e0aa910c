import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StaffResponses } from '@contract/staff';
import './index.scss';

type StaffMe = NonNullable<StaffResponses['me']>;

const ORDERS_TAB = '/pages/orders/index';
const INVITE = '/packages/member/pages/invite/index';
const WORKBENCH = '/packages/staff/pages/workbench/index';
const OPS_CONSOLE = '/packages/ops/pages/index/index';

/**
 * Entry rows under the member's assets: 我的订单 and 邀请有礼 for everyone, 店员工作台 for the store's
 * staff, 运营后台 for admins and store managers (a manager's console is their store's stock).
 */
export function MemberEntries({ staff }: { staff: StaffMe | null }) {
  return (
    <View className='member-entries'>
      <View className='member-entries__row' data-testid='entry-orders' onClick={() => void Taro.switchTab({ url: ORDERS_TAB })}>
        <View className='member-entries__icon member-entries__icon--orders'>
          <Text>单</Text>
        </View>
        <View className='member-entries__text'>
          <Text className='member-entries__title'>我的订单</Text>
          <Text className='member-entries__hint'>待支付、待提货、退款一目了然</Text>
        </View>
        <Text className='member-entries__arrow'>›</Text>
      </View>
      <View className='member-entries__row member-entries__row--invite' data-testid='entry-invite' onClick={() => void Taro.navigateTo({ url: INVITE })}>
        <View className='member-entries__icon member-entries__icon--invite'>
          <Text>邀</Text>
        </View>
        <View className='member-entries__text'>
          <Text className='member-entries__title'>邀请有礼</Text>
          <Text className='member-entries__hint'>邀请好友首单，双方得券 · 我的邀请</Text>
        </View>
        <Text className='member-entries__arrow'>›</Text>
      </View>
      {staff && (
        <View
          className='member-entries__row'
          data-testid='entry-workbench'
          onClick={() => void Taro.navigateTo({ url: WORKBENCH })}
        >
          <View className='member-entries__icon member-entries__icon--staff'>
            <Text>店</Text>
          </View>
          <View className='member-entries__text'>
            <Text className='member-entries__title'>店员工作台</Text>
            <Text className='member-entries__hint'>{staff.storeName} · 核销自提、会员积分</Text>
          </View>
          <Text className='member-entries__arrow'>›</Text>
        </View>
      )}
      {(staff?.role === 'admin' || staff?.role === 'manager') && (
        <View className='member-entries__row member-entries__row--ops' data-testid='entry-ops' onClick={() => void Taro.navigateTo({ url: OPS_CONSOLE })}>
          <View className='member-entries__icon member-entries__icon--ops'>
            <Text>运</Text>
          </View>
          <View className='member-entries__text'>
            <Text className='member-entries__title'>运营后台</Text>
            <Text className='member-entries__hint'>{staff.role === 'admin' ? '商品、价格、券、活动与数据看板' : `${staff.storeName} · 本店库存`}</Text>
          </View>
          <Text className='member-entries__arrow'>›</Text>
        </View>
      )}
    </View>
  );
}
