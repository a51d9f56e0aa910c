import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

interface FieldRowProps {
  /** The field's key as the server names it (`items.0.priceFen`): test ids and error anchors use it. */
  fieldKey: string;
  label: string;
  required?: boolean;
  hint?: string;
  /** What to fix, beside the field (the server's message, or the form's own check). */
  error?: string;
  /** The control sits under the label (lists, groups) rather than beside it. */
  stacked?: boolean;
  children: ReactNode;
}

/** One field of a form: its label, the control, a hint, and what is wrong with it. */
export function FieldRow({ fieldKey, label, required, hint, error, stacked, children }: FieldRowProps) {
  return (
    <View className={`field-row${stacked ? ' field-row--stacked' : ''}${error ? ' field-row--error' : ''}`} id={`field-${fieldKey.replace(/\./g, '-')}`} data-testid={`field-${fieldKey}`}>
      <View className='field-row__main'>
        <Text className='field-row__label'>
          {label}
          {required && <Text className='field-row__required'>*</Text>}
        </Text>
        <View className='field-row__control'>{children}</View>
      </View>
      {hint && !error && <Text className='field-row__hint'>{hint}</Text>}
      {error && (
        <Text className='field-row__error' data-testid={`error-${fieldKey}`}>
          {error}
        </Text>
      )}
    </View>
  );
}
