import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './index.scss';

/**
 * The server refused: the caller is not an admin (or not this page's role). Its own words
 * (仅管理员可以执行此操作), never a form.
 */
export function OpsDenied({ message }: { message: string }) {
  const leave = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.switchTab({ url: '/pages/member/index' });
  };
  return (
    <View className='ops-denied' data-testid='ops-denied'>
      <View className='ops-denied__icon'>
        <Text>禁</Text>
      </View>
      <Text className='ops-denied__title'>无法进入运营后台</Text>
      <Text className='ops-denied__message' data-testid='ops-denied-message'>
        {message}
      </Text>
      <Button className='ops-denied__back' onClick={leave}>
        返回
      </Button>
    </View>
  );
}
