import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { CampaignStatusView } from '@contract/admin';
import { ErrorState } from '@/components/error-state';
import { useCloud } from '@/hooks/useCloud';
import { OpsDenied } from '@/packages/ops/components/ops-denied';
import { OpsPage, OpsSkeleton } from '@/packages/ops/components/ops-page';
import { findDoc } from '@/packages/ops/model/api';
import { editUrl } from '@/packages/ops/model/entities';
import { campaignAudienceText } from '@/packages/ops/model/format';
import { runAction, toastError } from '@/services/action';
import { callCloud, toCloudCallError } from '@/services/cloud';
import { canPause, canRun, FIGURES, POLL_MS, stateText } from './model';
import './index.scss';

function StatusCard({ status, running }: { status: CampaignStatusView; running: boolean }) {
  const busy = running || status.state === 'running';
  return (
    <View className='ops-campaign__card' data-testid='campaign-status'>
      <View className='ops-campaign__head'>
        <Text className={`ops-campaign__state ops-campaign__state--${status.state}`} data-testid='campaign-state'>
          {stateText(status)}
        </Text>
        {status.done && <Text className='ops-campaign__done'>本轮已完成</Text>}
      </View>
      {busy && (
        <View className='ops-campaign__progress' data-testid='campaign-progress'>
          <View className='ops-campaign__progress-bar' />
        </View>
      )}
      <View className='ops-campaign__figures'>
        {FIGURES.map((f) => (
          <View key={f.key} className='ops-campaign__figure'>
            <Text className='ops-campaign__value' data-testid={`campaign-${f.key}`}>
              {status[f.key]}
            </Text>
            <Text className='ops-campaign__label'>{f.label}</Text>
            <Text className='ops-campaign__hint'>{f.hint}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/** 运营 · 活动执行: a campaign's state and figures; 立即执行 (runCampaign until the run is done), 暂停, 编辑. */
export default function CampaignPage() {
  const { params } = useRouter();
  const campaignId = params.id ? decodeURIComponent(params.id) : '';
  const status = useCloud(() => callCloud('admin', { action: 'campaignStatus', campaignId }), [campaignId]);
  const doc = useCloud(() => findDoc('campaign', campaignId), [campaignId]);
  const [view, setView] = useState<CampaignStatusView | null>(null);
  const [running, setRunning] = useState(false);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  useEffect(() => {
    if (status.data) setView(status.data);
  }, [status.data]);

  // The timer may be working on the run: follow it while it is running and this page is not.
  const reload = status.reload;
  useEffect(() => {
    if (running || view?.state !== 'running') return;
    const timer = setTimeout(() => void reload(), POLL_MS);
    return () => clearTimeout(timer);
  }, [running, view, reload]);

  const run = useCallback(async () => {
    // (Taro's H5 button still fires while disabled.)
    if (running || (view && !canRun(view))) return;
    setRunning(true);
    try {
      // Each call works for about 12 s, then answers: call again until the run is through the audience.
      for (;;) {
        const next = await callCloud('admin', { action: 'runCampaign', campaignId });
        if (!alive.current) return;
        setView(next);
        if (next.done || next.state === 'paused') break;
      }
    } catch (err) {
      if (alive.current) toastError(toCloudCallError(err).message);
    } finally {
      if (alive.current) setRunning(false);
    }
  }, [running, view, campaignId]);

  const pause = async () => {
    if (!view || !canPause(view)) return;
    const answer = await Taro.showModal({ title: '暂停活动', content: '暂停后本轮剩余会员将不再发放，已发放的权益保留；可随时「立即执行」继续。', confirmText: '暂停', cancelText: '取消' });
    if (!answer.confirm) return;
    const paused = await runAction(() => callCloud('admin', { action: 'pauseCampaign', campaignId }), { loading: '暂停中', success: { title: '已暂停', icon: 'success' } });
    if (paused.ok) setView(paused.data);
  };

  const name = typeof doc.data?.name === 'string' ? doc.data.name : campaignId;
  let body: JSX.Element;
  if (status.error?.code === 'FORBIDDEN') body = <OpsDenied message={status.error.message} />;
  else if (status.error && !view) body = <ErrorState message={status.error.message} onRetry={() => void status.reload()} retrying={status.loading} />;
  else if (!view) body = <OpsSkeleton rows={2} />;
  else
    body = (
      <View className='ops-campaign'>
        {doc.data && (
          <Text className='ops-campaign__audience' data-testid='campaign-audience'>
            人群：{campaignAudienceText(doc.data.audience)}
          </Text>
        )}
        <StatusCard status={view} running={running} />
        <View className='ops-campaign__actions'>
          <Button className='ops-campaign__run' data-testid='campaign-run' {...(running ? { loading: true, disabled: true } : !canRun(view) ? { disabled: true } : {})} onClick={() => void run()}>
            {running ? '执行中…' : '立即执行'}
          </Button>
          <Button className='ops-campaign__pause' data-testid='campaign-pause' {...(!canPause(view) ? { disabled: true } : {})} onClick={() => void pause()}>
            暂停
          </Button>
        </View>
        <Text className='ops-campaign__edit' data-testid='campaign-edit' onClick={() => void Taro.navigateTo({ url: editUrl('campaign', campaignId) })}>
          编辑活动 ›
        </Text>
      </View>
    );
  return (
    <OpsPage title='活动执行' subtitle={name}>
      {body}
    </OpsPage>
  );
}
