import { Button, Text, View } from '@tarojs/components';
import { toastNote } from '@/services/action';
import './index.scss';

/** The preview cannot open WeChat's customer-service chat: it says what the button does in WeChat. */
const PREVIEW_NOTE = '在微信中将打开专属客服会话（预览环境不可用）';

/**
 * 专属客服 for 尊享卡 members: WeChat's customer-service chat (Button openType="contact"), answered
 * first by the shop's staff.
 */
export function PriorityService() {
  return (
    <View className='priority-service' data-testid='priority-service'>
      <View className='priority-service__icon'>
        <Text>服</Text>
      </View>
      <View className='priority-service__text'>
        <Text className='priority-service__title'>专属客服</Text>
        <Text className='priority-service__hint'>尊享卡专享 · 优先接入，售后问题一对一处理</Text>
      </View>
      <Button
        className='priority-service__button'
        data-testid='priority-service-open'
        size='mini'
        openType='contact'
        onClick={process.env.TARO_ENV === 'h5' ? () => toastNote(PREVIEW_NOTE) : undefined}
      >
        联系客服
      </Button>
    </View>
  );
}
