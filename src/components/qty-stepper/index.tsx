import { Text, View } from '@tarojs/components';
import type { ITouchEvent } from '@tarojs/components';
import './index.scss';

interface QtyStepperProps {
  value: number;
  onChange: (qty: number) => void;
  /** 0 lets the member take the last unit out (the line goes away); 1 keeps at least one. */
  min?: number;
  max?: number;
  disabled?: boolean;
  /** At 0, show only a round "+" (加入购物车) instead of "− 0 +". */
  compactAtZero?: boolean;
  size?: 'sm' | 'md';
  className?: string;
}

/** − qty +, never below `min` nor above `max`. Taps do not reach the card behind it. */
export function QtyStepper({ value, onChange, min = 0, max = 99, disabled = false, compactAtZero = false, size = 'md', className = '' }: QtyStepperProps) {
  const canDec = !disabled && value > min;
  const canInc = !disabled && value < max;
  const step = (delta: number, allowed: boolean) => (e: ITouchEvent) => {
    e.stopPropagation();
    if (allowed) onChange(value + delta);
  };
  const root = `qty-stepper qty-stepper--${size}${disabled ? ' qty-stepper--disabled' : ''} ${className}`.trim();

  if (compactAtZero && value === 0) {
    return (
      <View className={root} onClick={(e) => e.stopPropagation()}>
        <View className={`qty-stepper__add${canInc ? '' : ' qty-stepper__add--off'}`} data-testid='qty-add' onClick={step(1, canInc)}>
          <Text>+</Text>
        </View>
      </View>
    );
  }

  return (
    <View className={root} onClick={(e) => e.stopPropagation()}>
      <View className={`qty-stepper__btn qty-stepper__dec${canDec ? '' : ' qty-stepper__btn--off'}`} data-testid='qty-dec' onClick={step(-1, canDec)}>
        <Text>−</Text>
      </View>
      <Text className='qty-stepper__value' data-testid='qty-value'>
        {value}
      </Text>
      <View className={`qty-stepper__btn qty-stepper__inc${canInc ? '' : ' qty-stepper__btn--off'}`} data-testid='qty-inc' onClick={step(1, canInc)}>
        <Text>+</Text>
      </View>
    </View>
  );
}
