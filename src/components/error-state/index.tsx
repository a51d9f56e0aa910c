import { Button, Text, View } from '@tarojs/components';
import './index.scss';

interface ErrorStateProps {
  /** The Chinese message to show (CloudCallError.message). */
  message: string;
  onRetry: () => void;
  retrying?: boolean;
}

/** A failed load: what went wrong and a way to try again. */
export function ErrorState({ message, onRetry, retrying = false }: ErrorStateProps) {
  return (
    <View className='error-state' id='error-state'>
      <View className='error-state__icon'>
        <Text>!</Text>
      </View>
      <Text className='error-state__title'>加载失败</Text>
      <Text className='error-state__message' id='error-message'>
        {message}
      </Text>
      {/* Taro H5 renders disabled={false} as a `disabled` attribute, which its CSS greys out: pass it only when true. */}
      <Button className='error-state__retry' id='error-retry' {...(retrying ? { loading: true, disabled: true } : {})} onClick={onRetry}>
        重试
      </Button>
    </View>
  );
}
