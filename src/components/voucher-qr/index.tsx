import { useMemo } from 'react';
import { Text, View } from '@tarojs/components';
import { qrLayout, type QrLayout } from './model';
import './index.scss';

const percent = (modules: number, size: number) => `${((modules / size) * 100).toFixed(4)}%`;

/**
 * The pickup voucher's QR code, drawn client-side from `code` (the signed QR content) with views,
 * so it renders the same in the mini-program and the H5 preview.
 */
export function VoucherQr({ code }: { code: string }) {
  const layout = useMemo<QrLayout | null>(() => {
    try {
      return qrLayout(code);
    } catch {
      return null; // too long for a QR code: the short code below still works
    }
  }, [code]);

  if (!layout) {
    return (
      <View className='voucher-qr voucher-qr--failed'>
        <Text className='voucher-qr__failed-text'>二维码生成失败{'\n'}请向店员出示下方取货码</Text>
      </View>
    );
  }

  const { size, rects } = layout;
  return (
    <View className='voucher-qr' data-testid='voucher-qr'>
      <View className='voucher-qr__matrix' data-modules={String(size)}>
        {rects.map((r) => (
          <View
            key={`${r.x}-${r.y}`}
            className='voucher-qr__module'
            style={{ left: percent(r.x, size), top: percent(r.y, size), width: percent(r.w, size), height: percent(r.h, size) }}
          />
        ))}
      </View>
    </View>
  );
}
