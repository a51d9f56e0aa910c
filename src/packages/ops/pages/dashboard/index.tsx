import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { DashboardView } from '@contract/admin';
import { formatFen } from '@core/money';
import { ErrorState } from '@/components/error-state';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { useCloud, useRefreshErrorToast } from '@/hooks/useCloud';
import { Chart, type ChartSeries } from '@/packages/ops/components/chart';
import { callCloud } from '@/services/cloud';
import { formatShanghaiDateTime } from '@/utils/date';
import { MovesGridView } from './components/moves-grid';
import { DashboardEmpty, DashboardSkeleton, Section, SectionEmpty, Stat, Table } from './components/parts';
import {
  DASHBOARD_WEEKS,
  fenToYuan,
  formatYuan,
  hasFigures,
  LIVE_STEPS,
  movesGrid,
  niceMax,
  percent,
  SEGMENT_COLORS,
  SEGMENT_KEYS,
  segmentLabel,
  segmentShort,
  totals,
  weekLabel,
} from './model';
import './index.scss';

const count = (n: number) => String(n);

function Overview({ view }: { view: DashboardView }) {
  const t = totals(view);
  return (
    <View className='ops-dash__stats' data-testid='dash-overview'>
      <Stat label={`近 ${DASHBOARD_WEEKS} 周成交`} value={formatFen(t.gmvFen)} testId='dash-gmv-total' />
      <Stat label='成交订单' value={count(t.orders)} testId='dash-orders-total' />
      <Stat label='最新一周会员' value={count(t.members)} testId='dash-members-total' />
      <Stat label='心享卡生效中' value={count(view.paid.active)} />
    </View>
  );
}

function SegmentsSection({ view }: { view: DashboardView }) {
  const series: ChartSeries[] = SEGMENT_KEYS.map((key) => ({ name: segmentLabel(key), color: SEGMENT_COLORS[key], data: view.segments.map((w) => w.counts[key]) }));
  return (
    <Section id='dash-segments' title='会员分层 · 每周人数' hint='每周一凌晨按最近消费、消费频次、金额和带新（RFM+X）给会员分层；未分层是还没付过款的会员。点柱子看当周各层人数。'>
      {view.segments.length === 0 ? (
        <SectionEmpty>还没有完成的分层周：每周一的分层任务跑完后显示。</SectionEmpty>
      ) : (
        <Chart
          type='column'
          label='每周各分层人数'
          categories={view.segments.map((w) => weekLabel(w.week))}
          series={series}
          height={520}
          options={{ extra: { column: { type: 'stack', width: 28 } } }}
        />
      )}
    </Section>
  );
}

function MovesSection({ view }: { view: DashboardView }) {
  const grid = movesGrid(view.moves);
  return (
    <Section id='dash-moves' title='分层迁移' hint='最新一次分层相对上一周：行是上周所在分层，列是本周所在分层，对角线为留在原层；颜色越深人数越多。'>
      {grid ? <MovesGridView grid={grid} /> : <SectionEmpty>第一次分层完成后显示各层之间的迁移。</SectionEmpty>}
      {grid && (
        <Text className='ops-dash__legend-line'>
          {SEGMENT_KEYS.filter((k) => k !== 'none')
            .map((k) => segmentLabel(k))
            .join(' · ')}
        </Text>
      )}
    </Section>
  );
}

function GmvSection({ view }: { view: DashboardView }) {
  const rows = view.bySegment;
  const anyOrders = rows.some((r) => r.orders > 0);
  const splits = 4;
  const gmvMax = niceMax(Math.max(...rows.map((r) => fenToYuan(r.gmvFen))), splits);
  const ordersMax = niceMax(Math.max(...rows.map((r) => r.orders)), splits, true);
  return (
    <Section id='dash-gmv' title='各分层 GMV 与订单' hint={`近 ${DASHBOARD_WEEKS} 周付款且未退款的订单，按下单时买家所在分层统计；金额已扣除部分退款。柱为 GMV（元），折线为订单数。`}>
      {anyOrders ? (
        <Chart
          type='mix'
          label='各分层 GMV 与订单数'
          categories={rows.map((r) => segmentShort(r.segment))}
          series={[
            { name: 'GMV', type: 'column', index: 0, color: '#1fa463', data: rows.map((r) => fenToYuan(r.gmvFen)), format: formatYuan },
            { name: '订单', type: 'line', index: 1, color: '#ff8a3d', data: rows.map((r) => r.orders) },
          ]}
          height={480}
          options={{
            yAxis: {
              showTitle: true,
              splitNumber: splits,
              data: [
                { position: 'left', title: 'GMV（元）', min: 0, max: gmvMax, titleFontSize: 11, fontSize: 11, fontColor: '#5f6b63', axisLine: false },
                { position: 'right', title: '订单', min: 0, max: ordersMax, titleFontSize: 11, fontSize: 11, fontColor: '#5f6b63', axisLine: false },
              ],
            },
          }}
        />
      ) : (
        <SectionEmpty>近 {DASHBOARD_WEEKS} 周还没有付款的订单。</SectionEmpty>
      )}
      <Table
        testId='gmv-table'
        columns={[{ title: '分层', flex: 2.2 }, { title: '人数' }, { title: '订单' }, { title: 'GMV', flex: 1.8 }, { title: '用券' }]}
        rows={rows.map((r) => ({ key: r.segment, cells: [segmentLabel(r.segment), count(r.members), count(r.orders), formatFen(r.gmvFen), count(r.couponsUsed)] }))}
      />
    </Section>
  );
}

function CouponsSection({ view }: { view: DashboardView }) {
  const { coupons, campaigns } = view;
  return (
    <Section id='dash-coupons' title='优惠券核销' hint={`近 ${DASHBOARD_WEEKS} 周发出的券，按券模板：发放张数与其中已使用的张数，抵扣为这些券在成交订单上减去的金额；下方为千人千券活动最近一轮的效果。`}>
      {coupons.length === 0 ? (
        <SectionEmpty>近 {DASHBOARD_WEEKS} 周还没有发出优惠券。</SectionEmpty>
      ) : (
        <>
          <Chart
            type='bar'
            label='各券模板发放与核销'
            categories={coupons.map((c) => c.templateId)}
            series={[
              { name: '发放', color: '#4c7dd9', data: coupons.map((c) => c.issued) },
              { name: '核销', color: '#1fa463', data: coupons.map((c) => c.used) },
            ]}
            height={Math.max(320, 140 + coupons.length * 90)}
          />
          <Table
            testId='coupon-table'
            columns={[{ title: '券模板', flex: 2.4 }, { title: '发放' }, { title: '核销' }, { title: '核销率', flex: 1.2 }, { title: '抵扣', flex: 1.6 }]}
            rows={coupons.map((c) => ({ key: c.templateId, cells: [c.templateId, count(c.issued), count(c.used), percent(c.used, c.issued), formatFen(c.discountFen)] }))}
          />
        </>
      )}
      <Text className='ops-dash__subtitle'>活动（千人千券）</Text>
      {campaigns.length === 0 ? (
        <SectionEmpty>近 {DASHBOARD_WEEKS} 周还没有运行过活动。</SectionEmpty>
      ) : (
        <Table
          testId='campaign-table'
          columns={[{ title: '活动', flex: 2.4 }, { title: '覆盖' }, { title: '发放' }, { title: '未发' }, { title: '核销' }, { title: 'GMV', flex: 1.6 }]}
          rows={campaigns.map((c) => ({ key: c.campaignId, cells: [c.campaignId, count(c.matched), count(c.issued), count(c.skipped), count(c.used), formatFen(c.gmvFen)] }))}
        />
      )}
    </Section>
  );
}

function LiveSection({ view }: { view: DashboardView }) {
  return (
    <Section id='dash-live' title='直播漏斗' hint='每场直播：预约 → 进入直播间 → 看满 10 分钟 → 领到本场优惠券 → 从直播间下单（付款未退款的订单数）。'>
      {view.live.length === 0 ? (
        <SectionEmpty>近 {DASHBOARD_WEEKS} 周没有直播场次；创建直播并有会员预约后显示。</SectionEmpty>
      ) : (
        view.live.map((s) => (
          <View key={s.sessionId} className='ops-dash__live' data-testid='live-session'>
            <View className='ops-dash__live-head'>
              <Text className='ops-dash__live-name'>{s.sessionId}</Text>
              <Text className='ops-dash__live-meta'>
                成交 {formatFen(s.gmvFen)} · 分享 {s.shared} 人
              </Text>
            </View>
            <Chart
              type='funnel'
              label={`直播 ${s.sessionId} 的转化漏斗`}
              series={[{ name: s.sessionId, data: LIVE_STEPS.map((step, i) => ({ name: step.label, value: s[step.key], color: ['#1fa463', '#3cb8b0', '#4c7dd9', '#f2c14e', '#ff8a3d'][i] })) }]}
              height={400}
              options={{ legend: { show: false } }}
            />
          </View>
        ))
      )}
    </Section>
  );
}

function PaidSection({ view }: { view: DashboardView }) {
  const { paid } = view;
  return (
    <Section id='dash-paid' title='心享会员' hint='现在生效中的心享卡（轻享卡、尊享卡），以及开卡保本累计返还给会员的券面金额。'>
      <View className='ops-dash__stats ops-dash__stats--paid'>
        <Stat label='生效中' value={count(paid.active)} testId='paid-active' tone='paid' />
        <Stat label='轻享卡' value={count(paid.lite)} tone='paid' />
        <Stat label='尊享卡' value={count(paid.premium)} tone='paid' />
        <Stat label='开卡保本已返还' value={formatFen(paid.guaranteeFen)} testId='paid-guarantee' tone='paid' />
      </View>
      {paid.active > 0 && (
        <Chart
          type='ring'
          label='心享卡构成'
          series={[
            {
              name: '心享卡',
              data: [
                { name: '轻享卡', value: paid.lite, color: '#c9a25c' },
                { name: '尊享卡', value: paid.premium, color: '#4d3a24' },
              ],
            },
          ]}
          height={380}
          options={{ title: { name: String(paid.active), fontSize: 20, color: '#1f2a22' }, subtitle: { name: '生效中', fontSize: 11, color: '#5f6b63' } }}
        />
      )}
    </Section>
  );
}

function SharersSection({ view }: { view: DashboardView }) {
  return (
    <Section id='dash-sharers' title='分享达人' hint='分享卡片带来成交最多的十位会员：好友打开卡片后 24 小时内付款、未退款的订单。'>
      {view.sharers.length === 0 ? (
        <SectionEmpty>近 {DASHBOARD_WEEKS} 周还没有通过分享卡片成交的订单。</SectionEmpty>
      ) : (
        <Table
          testId='sharer-table'
          columns={[{ title: '#', flex: 0.5 }, { title: '会员 OPENID', flex: 3, align: 'left' }, { title: '订单' }, { title: 'GMV', flex: 1.6 }]}
          rows={view.sharers.map((s, i) => ({ key: s.openid, cells: [String(i + 1), s.openid, count(s.orders), formatFen(s.gmvFen)] }))}
        />
      )}
    </Section>
  );
}

function Figures({ view }: { view: DashboardView }) {
  return (
    <View className='ops-dash__sections'>
      <SegmentsSection view={view} />
      <MovesSection view={view} />
      <GmvSection view={view} />
      <CouponsSection view={view} />
      <LiveSection view={view} />
      <PaidSection view={view} />
      <SharersSection view={view} />
    </View>
  );
}

/** 运营 · 数据看板: the operators' weekly figures from admin.dashboard, as charts and tables. */
export default function DashboardPage() {
  const { data: view, error, loading, reload } = useCloud(() => callCloud('admin', { action: 'dashboard', weeks: DASHBOARD_WEEKS }), []);
  useRefreshErrorToast(error, view);
  usePullDownRefresh(() => {
    void reload().then(() => Taro.stopPullDownRefresh());
  });

  let body: JSX.Element;
  if (view) body = hasFigures(view) ? <Figures view={view} /> : <DashboardEmpty onReload={() => void reload()} reloading={loading} />;
  else if (error) body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  else body = <DashboardSkeleton />;

  return (
    <View className='ops-dash' data-testid='ops-dashboard'>
      <View className='ops-dash__header'>
        <Text className='ops-dash__heading'>数据看板</Text>
        <Text className='ops-dash__asof' data-testid='dash-asof'>
          {view ? `近 ${DASHBOARD_WEEKS} 周 · 截至 ${formatShanghaiDateTime(view.asOf)}` : `近 ${DASHBOARD_WEEKS} 周`}
        </Text>
      </View>
      {view && hasFigures(view) && <Overview view={view} />}
      <View className='ops-dash__main'>{body}</View>
      <PersonaSwitcher />
    </View>
  );
}
