import { Text, View } from '@tarojs/components';
import { heat, segmentShort, weekLabel, type MovesGrid } from '../model';

/**
 * 分层迁移 as a heat table: a row per segment the week before, a column per segment now, each cell
 * the members who moved so (the diagonal stayed put), shaded by how many.
 */
export function MovesGridView({ grid }: { grid: MovesGrid }) {
  return (
    <View className='ops-dash__moves'>
      <View className='ops-dash__moves-caption'>
        <Text>
          {grid.from ? weekLabel(grid.from) : '上周'} → {weekLabel(grid.to)}
        </Text>
        <Text className='ops-dash__moves-summary' data-testid='moves-summary'>
          共 {grid.total} 人 · 换层 {grid.moved} 人
        </Text>
      </View>
      <View className='ops-dash__grid' data-testid='moves-grid'>
        <View className='ops-dash__grid-row ops-dash__grid-row--head'>
          <Text className='ops-dash__grid-corner'>从＼到</Text>
          {grid.keys.map((key) => (
            <Text key={key} className='ops-dash__grid-head'>
              {segmentShort(key)}
            </Text>
          ))}
          <Text className='ops-dash__grid-head ops-dash__grid-total'>合计</Text>
        </View>
        {grid.keys.map((from, row) => (
          <View key={from} className='ops-dash__grid-row'>
            <Text className='ops-dash__grid-label'>{segmentShort(from)}</Text>
            {grid.keys.map((to, column) => {
              const value = grid.cells[row][column];
              const shade = heat(value, grid.max);
              return (
                <Text
                  key={to}
                  className={`ops-dash__grid-cell${row === column ? ' ops-dash__grid-cell--stay' : ''}`}
                  style={{ background: shade.background, color: shade.color }}
                  data-testid={`move-${from}-${to}`}
                >
                  {value > 0 ? value : '·'}
                </Text>
              );
            })}
            <Text className='ops-dash__grid-cell ops-dash__grid-total'>{grid.rowTotals[row]}</Text>
          </View>
        ))}
        <View className='ops-dash__grid-row ops-dash__grid-row--foot'>
          <Text className='ops-dash__grid-label'>合计</Text>
          {grid.columnTotals.map((value, column) => (
            <Text key={grid.keys[column]} className='ops-dash__grid-cell ops-dash__grid-total'>
              {value}
            </Text>
          ))}
          <Text className='ops-dash__grid-cell ops-dash__grid-total' data-testid='moves-total'>
            {grid.total}
          </Text>
        </View>
      </View>
    </View>
  );
}
