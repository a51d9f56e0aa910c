import { useEffect, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { photoUrl, uploadPhoto } from '@/packages/ops/services/photo';
import { PHOTO_MAX_WIDTH } from '@/packages/ops/services/photoSize';
import { toastError } from '@/services/action';
import './index.scss';

interface PhotoPickerProps {
  testKey: string;
  /** The photo's cloud-storage fileID ('' for none). */
  value: string;
  /** Where a new photo goes (products/<skuId>-<time>.jpg). */
  cloudPath: () => string;
  /** May be taken away (an optional photo). */
  removable: boolean;
  onChange: (fileID: string) => void;
}

/** A photo in cloud storage: shown through a temporary URL, picked, shrunk and uploaded on 选择图片. */
export function PhotoPicker({ testKey, value, cloudPath, removable, onChange }: PhotoPickerProps) {
  const [url, setUrl] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  useEffect(() => {
    let live = true;
    setUrl(null);
    if (value) {
      photoUrl(value).then(
        (u) => live && setUrl(u),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [value]);

  const pick = async () => {
    if (uploading) return;
    setUploading(true);
    try {
      const fileID = await uploadPhoto(cloudPath());
      if (fileID) onChange(fileID);
    } catch (err) {
      toastError(err instanceof Error && err.message ? err.message : '图片上传失败，请重试');
    } finally {
      setUploading(false);
    }
  };

  return (
    <View className='photo-picker' data-testid={`photo-${testKey}`}>
      <View className='photo-picker__frame'>
        {url ? (
          <Image className='photo-picker__image' src={url} mode='aspectFill' data-testid='photo-preview' />
        ) : (
          <Text className='photo-picker__placeholder'>{uploading ? '上传中…' : value ? '加载中…' : '暂无图片'}</Text>
        )}
      </View>
      <View className='photo-picker__actions'>
        <Button className='photo-picker__pick' data-testid='photo-pick' {...(uploading ? { loading: true, disabled: true } : {})} onClick={() => void pick()}>
          {value ? '更换图片' : '选择图片'}
        </Button>
        {removable && value && !uploading && (
          <Text className='photo-picker__remove' onClick={() => onChange('')}>
            移除
          </Text>
        )}
        <Text className='photo-picker__hint'>自动压缩到 {PHOTO_MAX_WIDTH} 像素宽以内</Text>
      </View>
    </View>
  );
}
