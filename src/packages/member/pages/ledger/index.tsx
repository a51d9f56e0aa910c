import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { TIER_NAMES } from '@core/tier';
import { ErrorState } from '@/components/error-state';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { useCloud } from '@/hooks/useCloud';
import { callCloud, toCloudCallError } from '@/services/cloud';
import { LedgerRow } from './components/ledger-row';
import { EMPTY_LEDGER, hasMore, kindFromParam, LEDGER_TABS, ledgerRowView, type LedgerKind, type LedgerState, type LedgerTab } from './model';
import './index.scss';

type Histories = Record<LedgerKind, LedgerState>;

function LedgerSkeleton() {
  return (
    <View className='ledger__list' data-testid='ledger-skeleton'>
      {[0, 1, 2, 3, 4].map((i) => (
        <View key={i} className='ledger__skeleton' />
      ))}
    </View>
  );
}

function footerOf(state: LedgerState): { text: string; modifier: string } {
  if (state.loading) return { text: '加载中…', modifier: 'loading' };
  if (state.error) return { text: '加载失败，点击重试', modifier: 'retry' };
  if (hasMore(state)) return { text: '上拉加载更多', modifier: 'more' };
  return { text: '没有更早的记录了', modifier: 'end' };
}

/**
 * The end of the list: loading, more (tap or scroll), a failed page to retry, or the oldest line.
 * One element with one handler throughout (`onMore` ignores taps with nothing to load): taking a
 * handler off a node makes Taro's mini-program runtime swap its template, which fails for text.
 */
function LedgerFooter({ state, onMore }: { state: LedgerState; onMore: () => void }) {
  const { text, modifier } = footerOf(state);
  return (
    <Text className={`ledger__footer ledger__footer--${modifier}`} data-testid='ledger-footer' onClick={onMore}>
      {text}
    </Text>
  );
}

function LedgerBody({ tab, state, onMore, onRetry }: { tab: LedgerTab; state: LedgerState; onMore: () => void; onRetry: () => void }) {
  if (!state.loaded && state.error) return <ErrorState message={state.error} onRetry={onRetry} retrying={state.loading} />;
  if (!state.loaded) return <LedgerSkeleton />;
  if (state.lines.length === 0) {
    return (
      <View className='ledger__empty' data-testid='ledger-empty'>
        <View className='ledger__empty-icon'>
          <Text>{tab.kind === 'growth' ? '粒' : '积'}</Text>
        </View>
        <Text className='ledger__empty-text'>{tab.empty}</Text>
        <Text className='ledger__empty-hint'>{tab.emptyHint}</Text>
      </View>
    );
  }
  return (
    <View className='ledger__list' data-testid='ledger-list'>
      {state.lines.map((line, i) => (
        <LedgerRow key={`${line.at}:${i}`} view={ledgerRowView(line, i, tab)} />
      ))}
      <LedgerFooter state={state} onMore={onMore} />
    </View>
  );
}

/** 果粒值与积分: the member's growth and points histories, newest first, a page at a time. */
export default function LedgerPage() {
  const { params } = useRouter();
  const [kind, setKind] = useState<LedgerKind>(() => kindFromParam(params.kind));
  const [histories, setHistories] = useState<Histories>({ growth: EMPTY_LEDGER, points: EMPTY_LEDGER });
  const profile = useCloud(() => callCloud('member', { action: 'profile' }), []);

  const historiesRef = useRef(histories);
  historiesRef.current = histories;
  const kindRef = useRef(kind);
  kindRef.current = kind;
  // The newest request per history: a refresh supersedes a page still on its way.
  const latest = useRef<Record<LedgerKind, number>>({ growth: 0, points: 0 });
  const busy = useRef<Record<LedgerKind, boolean>>({ growth: false, points: false });

  const load = useCallback(async (k: LedgerKind, fresh: boolean) => {
    const before = historiesRef.current[k];
    if (!fresh && (busy.current[k] || !hasMore(before))) return;
    const call = ++latest.current[k];
    busy.current[k] = true;
    setHistories((h) => ({ ...h, [k]: { ...h[k], loading: true, error: null } }));
    try {
      const cursor = fresh ? null : before.cursor;
      const page = await callCloud('member', { action: 'ledger', kind: k, ...(cursor ? { cursor } : {}) });
      if (call !== latest.current[k]) return;
      setHistories((h) => ({ ...h, [k]: { lines: fresh ? page.entries : [...h[k].lines, ...page.entries], cursor: page.cursor, loaded: true, loading: false, error: null } }));
    } catch (err) {
      if (call !== latest.current[k]) return;
      setHistories((h) => ({ ...h, [k]: { ...h[k], loading: false, error: toCloudCallError(err).message } }));
    } finally {
      if (call === latest.current[k]) busy.current[k] = false;
    }
  }, []);

  // Each history loads its first page the first time its tab is shown.
  useEffect(() => {
    const state = historiesRef.current[kind];
    if (!state.loaded && !state.loading && !state.error) void load(kind, false);
  }, [kind, load]);

  useReachBottom(() => {
    const state = historiesRef.current[kindRef.current];
    if (state.loaded && !state.error) void load(kindRef.current, false);
  });

  usePullDownRefresh(() => {
    void Promise.all([load(kindRef.current, true), profile.reload()]).then(() => Taro.stopPullDownRefresh());
  });

  const tab = LEDGER_TABS.find((t) => t.kind === kind) ?? LEDGER_TABS[0];
  const state = histories[kind];
  const me = profile.data;
  const balance = me ? (kind === 'growth' ? me.growth : me.points) : null;
  let summaryHint = '';
  if (me) summaryHint = kind === 'growth' ? `当前等级 ${TIER_NAMES[me.tier]}${me.nextTier ? ` · 再获得 ${me.growthToNext} 升级为${TIER_NAMES[me.nextTier]}` : ' · 已是最高等级'}` : '100 积分可抵 ¥1，下单时使用';

  return (
    <View className='ledger'>
      <View className='ledger__tabs'>
        {LEDGER_TABS.map((t) => (
          <View
            key={t.kind}
            className={`ledger__tab${t.kind === kind ? ' ledger__tab--active' : ''}`}
            data-testid={`ledger-tab-${t.kind}`}
            onClick={() => setKind(t.kind)}
          >
            <Text className='ledger__tab-text'>{t.title}</Text>
          </View>
        ))}
      </View>

      <View className={`ledger__summary ledger__summary--${kind}`}>
        <Text className='ledger__summary-label'>当前{tab.unit}</Text>
        <Text className='ledger__summary-value' id='ledger-balance'>
          {balance ?? '--'}
        </Text>
        {summaryHint && <Text className='ledger__summary-hint'>{summaryHint}</Text>}
      </View>

      <LedgerBody tab={tab} state={state} onMore={() => void load(kind, false)} onRetry={() => void load(kind, true)} />
      <PersonaSwitcher />
    </View>
  );
}
