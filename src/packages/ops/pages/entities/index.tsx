import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import type { EntityName } from '@contract/admin';
import { ErrorState } from '@/components/error-state';
import { EntityRow } from '@/packages/ops/components/entity-row';
import { ListFooter } from '@/packages/ops/components/list-footer';
import { OpsDenied } from '@/packages/ops/components/ops-denied';
import { OpsEmpty, OpsPage, OpsSkeleton } from '@/packages/ops/components/ops-page';
import { assertAdmin, listPage } from '@/packages/ops/model/api';
import { campaignUrl, docId, editUrl, entityInfo, isEntity, isOn, isRuleSet } from '@/packages/ops/model/entities';
import { rowSummary } from '@/packages/ops/model/summary';
import { runAction } from '@/services/action';
import { callCloud, toCloudCallError, type CloudCallError } from '@/services/cloud';
import { flipped, toggleConfirm, toggleLabels } from './model';
import './index.scss';

type Doc = Record<string, unknown>;

interface ListState {
  items: Doc[];
  cursor: string | null;
  loaded: boolean;
  loading: boolean;
  error: CloudCallError | null;
}

const EMPTY: ListState = { items: [], cursor: null, loaded: false, loading: false, error: null };

function EntityList({ entity }: { entity: EntityName }) {
  const info = entityInfo(entity);
  const [state, setState] = useState<ListState>(EMPTY);
  const [busy, setBusy] = useState<string | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const latest = useRef(0);

  const load = useCallback(
    async (fresh: boolean) => {
      const before = stateRef.current;
      if (!fresh && (before.loading || !before.cursor)) return;
      const call = ++latest.current;
      setState((s) => ({ ...s, loading: true, error: null }));
      try {
        // A store manager may read products and stores, not keep them: the list is for admins.
        if (fresh && (entity === 'product' || entity === 'store')) await assertAdmin();
        const page = await listPage(entity, fresh ? null : before.cursor);
        if (call !== latest.current) return;
        setState((s) => ({ items: fresh ? page.items : [...s.items, ...page.items], cursor: page.cursor, loaded: true, loading: false, error: null }));
      } catch (err) {
        if (call === latest.current) setState((s) => ({ ...s, loading: false, error: toCloudCallError(err) }));
      }
    },
    [entity],
  );

  useEffect(() => {
    void load(true);
  }, [load]);

  // Back from the form: what was saved shows. The first show is the mount's own load.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void load(true);
    shown.current = true;
  });
  useReachBottom(() => void load(false));
  usePullDownRefresh(() => void load(true).then(() => Taro.stopPullDownRefresh()));

  const toggle = async (doc: Doc, on: boolean) => {
    const id = docId(entity, doc);
    const ask = toggleConfirm(info, rowSummary(entity, doc).title || id, on);
    const answer = await Taro.showModal({ ...ask, cancelText: '取消' });
    if (!answer.confirm) return;
    setBusy(id);
    const words = toggleLabels(entity);
    const saved = await runAction(() => callCloud('admin', { action: 'upsert', entity, doc: flipped(info, doc, on) }), {
      loading: '保存中',
      success: { title: `已${on ? words.turnOn : words.turnOff}`, icon: 'success' },
    });
    setBusy(null);
    if (saved.ok) setState((s) => ({ ...s, items: s.items.map((d) => (docId(entity, d) === id ? { ...d, [info.toggle as string]: on } : d)) }));
  };

  const open = (url: string) => void Taro.navigateTo({ url });
  const create = (
    <Button className='ops-entities__create' data-testid='entity-create' onClick={() => open(editUrl(entity))}>
      新建
    </Button>
  );

  let body: JSX.Element;
  if (state.error?.code === 'FORBIDDEN') body = <OpsDenied message={state.error.message} />;
  else if (!state.loaded && state.error) body = <ErrorState message={state.error.message} onRetry={() => void load(true)} retrying={state.loading} />;
  else if (!state.loaded) body = <OpsSkeleton />;
  else if (state.items.length === 0) body = <OpsEmpty text={`还没有${info.title}`} hint='点右上角「新建」添加第一条' />;
  else
    body = (
      <View className='ops-entities__list' data-testid='entity-list'>
        {state.items.map((doc) => {
          const id = docId(entity, doc);
          const words = toggleLabels(entity);
          return (
            <EntityRow
              key={id}
              id={id}
              summary={rowSummary(entity, doc)}
              onOpen={() => open(editUrl(entity, id))}
              toggle={info.toggle ? { on: isOn(info, doc), busy: busy === id, onLabel: words.on, offLabel: words.off, onChange: (on) => void toggle(doc, on) } : undefined}
              extra={
                entity === 'campaign' ? (
                  <Text
                    className='ops-entities__link'
                    data-testid={`campaign-status-${id}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      open(campaignUrl(id));
                    }}
                  >
                    执行情况 ›
                  </Text>
                ) : undefined
              }
            />
          );
        })}
        <ListFooter state={{ loading: state.loading, error: state.error?.message ?? null, cursor: state.cursor }} onMore={() => void load(false)} />
      </View>
    );

  const denied = state.error?.code === 'FORBIDDEN';
  return (
    <OpsPage title={info.title} subtitle={state.loaded ? `已加载 ${state.items.length} 条${state.cursor ? '，还有更多' : ''}` : undefined} actions={denied ? undefined : create}>
      {body}
    </OpsPage>
  );
}

/** 运营 · an entity's list: its documents a page at a time, 新建, each one's switch; rule sets open their form. */
export default function EntitiesPage() {
  const { params } = useRouter();
  const entity = isEntity(params.entity) ? params.entity : null;
  const ruleSet = entity !== null && isRuleSet(entity);
  useEffect(() => {
    if (entity && ruleSet) void Taro.redirectTo({ url: editUrl(entity) });
  }, [entity, ruleSet]);
  if (!entity) {
    return (
      <OpsPage title='运营管理'>
        <OpsEmpty text='未知的资料类型' hint='请从运营后台首页进入' />
      </OpsPage>
    );
  }
  if (ruleSet)
    return (
      <OpsPage title='运营管理'>
        <OpsSkeleton rows={2} />
      </OpsPage>
    );
  return <EntityList entity={entity} />;
}
