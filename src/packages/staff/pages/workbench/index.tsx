import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { HandoverView, MemberAtCounter, StaffResponses } from '@contract/staff';
import { ErrorState } from '@/components/error-state';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { useCloud } from '@/hooks/useCloud';
import { toastError } from '@/services/action';
import { callCloud, toCloudCallError } from '@/services/cloud';
import { scanVoucher } from '@/services/scan';
import { CodeEntry } from './components/code-entry';
import { HandoverCard } from './components/handover-card';
import { MemberPanel } from './components/member-panel';
import { ReceiptRefund } from './components/receipt-refund';
import { FailureCard, RedeemedCard } from './components/result-card';
import { TodayList } from './components/today-list';
import { failureView, readCounterCode, ROLE_NAMES, type CodeKind, type CounterCode, type FailureView, type StaffMe } from './model';
import './index.scss';

type Phase =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'handover'; code: string; view: HandoverView; redeeming: boolean }
  | { kind: 'member'; memberCode: string; view: MemberAtCounter }
  | { kind: 'redeemed'; result: StaffResponses['redeem'] }
  | { kind: 'failed'; failure: FailureView };

function NotStaff() {
  return (
    <View className='workbench__card workbench__gate' data-testid='workbench-not-staff'>
      <View className='workbench__gate-icon'>
        <Text>店</Text>
      </View>
      <Text className='workbench__gate-title'>仅限门店店员使用</Text>
      <Text className='workbench__gate-text'>店员工作台用于核销会员的自提订单、记录到店消费积分。{'\n'}如需开通，请联系门店店长在后台添加你的微信。</Text>
      <Button className='workbench__gate-button' onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
        返回商城
      </Button>
    </View>
  );
}

function StaffHeader({ me }: { me: StaffMe }) {
  return (
    <View className='workbench__header'>
      <View className='workbench__header-text'>
        <Text className='workbench__store' data-testid='workbench-store'>
          {me.storeName}
        </Text>
        <Text className='workbench__subtitle'>自提核销 · 会员到店积分</Text>
      </View>
      <Text className='workbench__role'>{ROLE_NAMES[me.role]}</Text>
    </View>
  );
}

function Counter() {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [entryKey, setEntryKey] = useState(0);
  // Bumped after every pickup, credit, refund or gift: the day's list asks again.
  const [dayVersion, setDayVersion] = useState(0);
  const recorded = () => setDayVersion((v) => v + 1);
  const busy = phase.kind === 'checking' || (phase.kind === 'handover' && phase.redeeming);

  const fail = (err: unknown, kind: CodeKind) => setPhase({ kind: 'failed', failure: failureView(toCloudCallError(err), kind) });

  const lookup = async ({ kind, code }: CounterCode) => {
    setPhase({ kind: 'checking' });
    try {
      if (kind === 'member') {
        const view = await callCloud('staff', { action: 'member', memberCode: code });
        setPhase({ kind: 'member', memberCode: code, view });
        setEntryKey((k) => k + 1);
      } else {
        const view = await callCloud('staff', { action: 'lookup', code });
        setPhase({ kind: 'handover', code, view, redeeming: false });
      }
    } catch (err) {
      fail(err, kind);
    }
  };

  const scan = async () => {
    try {
      const text = await scanVoucher();
      if (!text) return;
      const code = readCounterCode(text);
      if (code) await lookup(code);
      else toastError('无法识别该二维码，请扫描取货码或会员码');
    } catch (err) {
      toastError(err instanceof Error ? err.message : '扫码失败，请输入取货码');
    }
  };

  const redeem = async () => {
    if (phase.kind !== 'handover' || phase.redeeming) return;
    setPhase({ ...phase, redeeming: true });
    try {
      const result = await callCloud('staff', { action: 'redeem', code: phase.code });
      setPhase({ kind: 'redeemed', result });
      setEntryKey((k) => k + 1);
      recorded();
    } catch (err) {
      fail(err, 'voucher');
    }
  };

  const reset = () => setPhase({ kind: 'idle' });

  return (
    <View className='workbench__counter'>
      <CodeEntry key={entryKey} busy={busy} onScan={() => void scan()} onCode={(code) => void lookup(code)} />
      {phase.kind === 'checking' && (
        <View className='workbench__card workbench__checking'>
          <Text>正在查询…</Text>
        </View>
      )}
      {phase.kind === 'handover' && <HandoverCard view={phase.view} redeeming={phase.redeeming} onConfirm={() => void redeem()} onCancel={reset} />}
      {phase.kind === 'member' && <MemberPanel key={phase.memberCode} memberCode={phase.memberCode} view={phase.view} onRecorded={recorded} onDone={reset} />}
      {phase.kind === 'redeemed' && <RedeemedCard result={phase.result} onNext={reset} />}
      {phase.kind === 'failed' && <FailureCard failure={phase.failure} onRetry={reset} />}
      <ReceiptRefund onRecorded={recorded} />
      <TodayList version={dayVersion} />
    </View>
  );
}

/**
 * 店员工作台: staff of a store scan (or type) a member's pickup voucher, check the goods, hand them over;
 * or a member's 会员码, to credit a till receipt or hand over a gift; refund a receipt; see the day.
 */
export default function Workbench() {
  const { data: me, error, loading, reload } = useCloud(() => callCloud('staff', { action: 'me' }), []);

  usePullDownRefresh(() => {
    void reload().then(() => Taro.stopPullDownRefresh());
  });

  let body: JSX.Element;
  if (me) body = <Counter />;
  else if (me === null) body = <NotStaff />;
  else if (error) body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  else
    body = (
      <View className='workbench__card workbench__checking'>
        <Text>正在确认店员身份…</Text>
      </View>
    );

  return (
    <View className='workbench'>
      {me && <StaffHeader me={me} />}
      <View className='workbench__body'>{body}</View>
      <PersonaSwitcher />
    </View>
  );
}
