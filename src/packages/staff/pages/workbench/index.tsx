import { Text, View } from '@tarojs/components';
import { PersonaSwitcher } from '../../../../components/persona-switcher';
import './index.scss';

/** 店员工作台: a shell until pickup orders exist; then it scans pickup vouchers (wx.scanCode) or takes short codes. */
export default function Workbench() {
  return (
    <View className='workbench'>
      <View className='workbench__card'>
        <View className='workbench__icon'>
          <Text>扫</Text>
        </View>
        <Text className='workbench__title' id='workbench-title'>
          店员工作台
        </Text>
        <Text className='workbench__text' id='workbench-notice'>
          扫码核销将随自提订单一起上线：届时在这里扫描会员的取货码或输入短码，即可核对并交付商品。
        </Text>
      </View>
      <PersonaSwitcher />
    </View>
  );
}
