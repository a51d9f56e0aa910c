import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ErrorState } from '@/components/error-state';
import { OpsDenied } from '@/packages/ops/components/ops-denied';
import { OpsPage, OpsSkeleton } from '@/packages/ops/components/ops-page';
import { useOpsAccess } from '@/packages/ops/model/access';
import { CONSOLE_TILES, MANAGER_TILES, type ConsoleTile } from './model';
import './index.scss';

function Tiles({ tiles }: { tiles: readonly ConsoleTile[] }) {
  return (
    <View className='ops-console__grid' data-testid='ops-console'>
      {tiles.map((t) => (
        <View key={t.key} className={`ops-console__tile ops-console__tile--${t.key}`} data-testid={`ops-tile-${t.key}`} onClick={() => void Taro.navigateTo({ url: t.url })}>
          <View className='ops-console__glyph'>
            <Text>{t.glyph}</Text>
          </View>
          <Text className='ops-console__label'>{t.title}</Text>
        </View>
      ))}
    </View>
  );
}

/** 运营: the console's grid for admins; a store manager sees their store's stock; anyone else the server's refusal. */
export default function OpsIndexPage() {
  const { access, recheck } = useOpsAccess();
  let body: JSX.Element;
  let subtitle = '商品、价格、券、活动与会员运营';
  switch (access.kind) {
    case 'checking':
      body = <OpsSkeleton rows={3} />;
      break;
    case 'admin':
      body = <Tiles tiles={CONSOLE_TILES} />;
      break;
    case 'manager':
      subtitle = `${access.me.storeName} · 店长`;
      body = (
        <View className='ops-console__manager'>
          <Tiles tiles={MANAGER_TILES} />
          <Text className='ops-console__note' data-testid='ops-manager-note'>
            店长可查看和调整本店库存；商品、价格、券与活动等设置需管理员操作。
          </Text>
        </View>
      );
      break;
    case 'denied':
      body = <OpsDenied message={access.error.message} />;
      break;
    default:
      body = <ErrorState message={access.error.message} onRetry={recheck} />;
  }
  return (
    <OpsPage title='运营后台' subtitle={subtitle}>
      {body}
    </OpsPage>
  );
}
