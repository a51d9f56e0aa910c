import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { AuditEntry } from '@contract/admin';
import { changesOf } from '@/packages/ops/model/diff';
import { auditActionName, entityName } from '@/packages/ops/model/labels';
import { formatShanghaiDateTime } from '@/utils/date';
import './index.scss';

/** Changes shown before 展开全部. */
const FIRST_CHANGES = 8;

/** One admin write: when, who, what on which document, and the fields it changed (before → after). */
export function AuditEntryCard({ entry, who }: { entry: AuditEntry; who: string }) {
  const [all, setAll] = useState(false);
  const changes = changesOf(entry.entity, entry.before, entry.after);
  const shown = all ? changes : changes.slice(0, FIRST_CHANGES);
  return (
    <View className='audit-entry' data-testid='audit-entry'>
      <View className='audit-entry__head'>
        <Text className='audit-entry__what' data-testid='audit-what'>
          {auditActionName(entry.action)} · {entityName(entry.entity)}
        </Text>
        <Text className='audit-entry__time'>{formatShanghaiDateTime(entry.at, { seconds: true })}</Text>
      </View>
      <Text className='audit-entry__id' data-testid='audit-id'>
        {entry.id}
      </Text>
      <Text className='audit-entry__who'>操作人：{who}</Text>
      {entry.before === null && entry.action === 'upsert' && <Text className='audit-entry__new'>新建</Text>}
      <View className='audit-entry__changes'>
        {shown.map((c) => (
          <View key={c.path} className='audit-entry__change'>
            <Text className='audit-entry__label'>{c.label}</Text>
            {/* Something new (a new document, a grant) has no before. */}
            {entry.before !== null && <Text className='audit-entry__before'>{c.before}</Text>}
            {entry.before !== null && <Text className='audit-entry__arrow'>→</Text>}
            <Text className='audit-entry__after'>{c.after}</Text>
          </View>
        ))}
        {changes.length === 0 && <Text className='audit-entry__none'>内容无变化</Text>}
      </View>
      {changes.length > FIRST_CHANGES && (
        <Text className='audit-entry__more' onClick={() => setAll(!all)}>
          {all ? '收起' : `展开全部 ${changes.length} 项`}
        </Text>
      )}
    </View>
  );
}
