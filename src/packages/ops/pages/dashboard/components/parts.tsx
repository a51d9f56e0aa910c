import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';

/** One card of the dashboard: a title, a line saying what it counts, the figures. */
export function Section({ id, title, hint, children }: { id: string; title: string; hint: string; children: ReactNode }) {
  return (
    <View className='ops-dash__section' id={id} data-testid={id}>
      <Text className='ops-dash__title'>{title}</Text>
      <Text className='ops-dash__hint'>{hint}</Text>
      <View className='ops-dash__body'>{children}</View>
    </View>
  );
}

/** A section with nothing to show yet: what would make it appear. */
export function SectionEmpty({ children }: { children: ReactNode }) {
  return <Text className='ops-dash__none'>{children}</Text>;
}

/** A figure with its caption (人数, 金额…). */
export function Stat({ label, value, testId, tone }: { label: string; value: string; testId?: string; tone?: 'paid' }) {
  return (
    <View className={`ops-dash__stat${tone ? ` ops-dash__stat--${tone}` : ''}`}>
      <Text className='ops-dash__stat-value' data-testid={testId}>
        {value}
      </Text>
      <Text className='ops-dash__stat-label'>{label}</Text>
    </View>
  );
}

/** How wide a table's column is (a share of the row) and which side its cells keep to. */
export interface Column {
  title: string;
  flex?: number;
  align?: 'left' | 'right';
}

/** A plain table: a header row, then rows of cells; the first column is a left-aligned label unless told. */
export function Table({ columns, rows, testId }: { columns: Column[]; rows: Array<{ key: string; cells: string[] }>; testId?: string }) {
  const style = (i: number) => {
    const c = columns[i];
    return { flex: `${c.flex ?? (i === 0 ? 2 : 1)} 1 0`, textAlign: c.align ?? (i === 0 ? 'left' : 'right') } as const;
  };
  return (
    <View className='ops-dash__table' data-testid={testId}>
      <View className='ops-dash__tr ops-dash__tr--head'>
        {columns.map((c, i) => (
          <Text key={c.title} className='ops-dash__td' style={style(i)}>
            {c.title}
          </Text>
        ))}
      </View>
      {rows.map((row) => (
        <View key={row.key} className='ops-dash__tr'>
          {row.cells.map((cell, i) => (
            <Text key={i} className='ops-dash__td' style={style(i)}>
              {cell}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

/** While the first answer is on its way: the page's shape in grey. */
export function DashboardSkeleton() {
  return (
    <View className='ops-dash__skeleton' data-testid='dashboard-skeleton'>
      <View className='ops-dash__sk ops-dash__sk--stats' />
      {[0, 1, 2].map((i) => (
        <View key={i} className='ops-dash__section'>
          <View className='ops-dash__sk ops-dash__sk--title' />
          <View className='ops-dash__sk ops-dash__sk--line' />
          <View className='ops-dash__sk ops-dash__sk--chart' />
        </View>
      ))}
    </View>
  );
}

/** Nothing counted yet: what makes the figures appear. */
export function DashboardEmpty({ onReload, reloading }: { onReload: () => void; reloading: boolean }) {
  return (
    <View className='ops-dash__empty' data-testid='dashboard-empty'>
      <View className='ops-dash__empty-icon'>
        <Text>数</Text>
      </View>
      <Text className='ops-dash__empty-title'>还没有数据</Text>
      <Text className='ops-dash__empty-text'>
        会员分层每周一凌晨计算，第一次分层完成后这里显示各层人数与迁移；{'\n'}
        会员下单付款、领券用券、预约观看直播、开通心享卡、分享商品后，对应的图表会陆续出现。
      </Text>
      <Button className='ops-dash__empty-button' {...(reloading ? { loading: true, disabled: true } : {})} onClick={onReload}>
        刷新
      </Button>
    </View>
  );
}
