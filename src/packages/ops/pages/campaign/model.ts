import type { CampaignStatusView } from '@contract/admin';
import { CAMPAIGN_STATE_NAMES } from '@/packages/ops/model/labels';

/** How long to wait between status checks while the timer (not this page) works on a run. */
export const POLL_MS = 3000;

export interface CampaignFigure {
  key: keyof Pick<CampaignStatusView, 'matched' | 'issued' | 'skipped' | 'notified'>;
  label: string;
  hint: string;
}

export const FIGURES: readonly CampaignFigure[] = [
  { key: 'matched', label: '覆盖会员', hint: '已处理的目标会员' },
  { key: 'issued', label: '已发放', hint: '权益份数' },
  { key: 'skipped', label: '未发放', hint: '库存或限领不足' },
  { key: 'notified', label: '已通知', hint: '活动权益到账消息' },
];

export function stateText(status: CampaignStatusView): string {
  const run = status.runKey === null ? '尚未执行' : status.runKey === 'once' ? '单次执行' : `第 ${status.runKey} 周`;
  return `${CAMPAIGN_STATE_NAMES[status.state]} · ${run}`;
}

/** 立即执行 makes sense unless the current run is done. */
export const canRun = (s: CampaignStatusView) => !(s.state === 'done' && s.done);
/** 暂停 makes sense for a campaign that is not paused and not finished. */
export const canPause = (s: CampaignStatusView) => s.state === 'scheduled' || s.state === 'running';
