import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { CAN_SCAN_CAMERA } from '@/services/scan';
import { readCounterCode, type CounterCode } from '@/packages/staff/pages/workbench/model';
import './index.scss';

interface CodeEntryProps {
  busy: boolean;
  onScan: () => void;
  onCode: (code: CounterCode) => void;
}

/**
 * 扫码 with the camera (mini-program), or the code typed: a voucher's 8-digit short code or the digits of a
 * member's 会员码 on a numeric keyboard; in the H5 preview, which has no camera, the QR content may be
 * pasted too. Which of the two it is, the code's shape tells (model.ts). The page remounts it (a new
 * `key`) to empty the field.
 */
export function CodeEntry({ busy, onScan, onCode }: CodeEntryProps) {
  const [text, setText] = useState('');
  const code = readCounterCode(text);

  const submit = () => {
    if (busy || !code) return;
    onCode(code);
  };

  return (
    <View className='code-entry'>
      {CAN_SCAN_CAMERA ? (
        <View className='code-entry__scan' data-testid='workbench-scan' onClick={busy ? undefined : onScan}>
          <View className='code-entry__scan-icon'>
            <View className='code-entry__scan-corner code-entry__scan-corner--tl' />
            <View className='code-entry__scan-corner code-entry__scan-corner--tr' />
            <View className='code-entry__scan-corner code-entry__scan-corner--bl' />
            <View className='code-entry__scan-corner code-entry__scan-corner--br' />
            <View className='code-entry__scan-line' />
          </View>
          <Text className='code-entry__scan-text'>扫码核销</Text>
          <Text className='code-entry__scan-hint'>取货二维码核销 · 会员码积分与赠品</Text>
        </View>
      ) : (
        <View className='code-entry__notice'>
          <Text>H5 预览没有相机：请粘贴二维码的内容，或输入 8 位取货码、会员码数字</Text>
        </View>
      )}

      <View className='code-entry__manual'>
        <Text className='code-entry__label'>{CAN_SCAN_CAMERA ? '或输入取货码 / 会员码' : '取货码 / 会员码 / 二维码内容'}</Text>
        <View className='code-entry__row'>
          <Input
            className='code-entry__field'
            data-testid='workbench-code-input'
            type={CAN_SCAN_CAMERA ? 'number' : 'text'}
            maxlength={CAN_SCAN_CAMERA ? 15 : 512}
            placeholder={CAN_SCAN_CAMERA ? '8 位取货码或会员码数字' : '如 8472 1093 或 GLV1.…'}
            placeholderClass='code-entry__placeholder'
            confirmType='search'
            value={text}
            onInput={(e) => setText(e.detail.value)}
            onConfirm={submit}
          />
          <Button className='code-entry__submit' data-testid='workbench-lookup' onClick={submit} {...(busy || !code ? { disabled: true } : {})}>
            查询
          </Button>
        </View>
      </View>
    </View>
  );
}
