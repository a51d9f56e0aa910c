import { useMemo, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ErrorState } from '@/components/error-state';
import { useCloud } from '@/hooks/useCloud';
import { ChoiceChips } from '@/packages/ops/components/choice-chips';
import { OpsDenied } from '@/packages/ops/components/ops-denied';
import { OpsEmpty, OpsPage, OpsSkeleton } from '@/packages/ops/components/ops-page';
import { useOpsAccess } from '@/packages/ops/model/access';
import { listAll } from '@/packages/ops/model/api';
import type { Option } from '@/packages/ops/model/labels';
import { toast, toastError, withLoading } from '@/services/action';
import { callCloud, toCloudCallError } from '@/services/cloud';
import { StockRow } from './components/stock-row';
import { stockChanges } from './model';
import './index.scss';

type Doc = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A store's shelf as the shop sees it (products on sale with a shelf record). */
function useShelf(storeId: string | null) {
  return useCloud(async () => {
    if (!storeId) return new Map<string, number>();
    const { products } = await callCloud('catalog', { action: 'list', storeId });
    return new Map(products.map((p) => [p.skuId, p.stock]));
  }, [storeId]);
}

interface StockEditorProps {
  /** The stores this operator keeps: every store for an admin, their own for a manager. */
  stores: Option[];
}

/** A store's shelf: every product with its count on the shelf, a field for the new count, 保存 for the changed ones. */
function StockEditor({ stores }: StockEditorProps) {
  const catalog = useCloud(() => listAll('product'), []);
  const [storeId, setStoreId] = useState<string | null>(stores[0]?.value ?? null);
  const shelf = useShelf(storeId);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [invalid, setInvalid] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const products = useMemo(() => [...(catalog.data ?? [])].sort((a, b) => str(a.category).localeCompare(str(b.category)) || str(a.skuId).localeCompare(str(b.skuId))), [catalog.data]);

  const pickStore = (id: string) => {
    setStoreId(id);
    setTyped({});
    setInvalid(null);
  };

  const save = async () => {
    if (saving || !storeId || !shelf.data) return;
    const { changes, invalid: bad } = stockChanges(typed, shelf.data);
    setInvalid(bad);
    if (bad) return toastError('库存须为 0–1000000 的整数');
    if (changes.length === 0) return toast('没有改动');
    setSaving(true);
    const failed: string[] = [];
    await withLoading('保存中', async () => {
      for (const change of changes) {
        try {
          await callCloud('admin', { action: 'setStock', storeId, ...change });
        } catch (err) {
          failed.push(`${change.skuId}：${toCloudCallError(err).message}`);
        }
      }
    });
    setSaving(false);
    setTyped({});
    await shelf.reload();
    if (failed.length === 0) toast(`已更新 ${changes.length} 个商品`, 'success');
    else void Taro.showModal({ title: `${failed.length} 个商品未能保存`, content: failed.join('\n'), showCancel: false, confirmText: '知道了' });
  };

  if (catalog.error?.code === 'FORBIDDEN') return <OpsDenied message={catalog.error.message} />;
  if (catalog.error) return <ErrorState message={catalog.error.message} onRetry={() => void catalog.reload()} retrying={catalog.loading} />;
  if (!catalog.data) return <OpsSkeleton />;
  if (stores.length === 0) return <OpsEmpty text='还没有门店' hint='请先在「门店」中添加门店' />;

  const changed = shelf.data ? stockChanges(typed, shelf.data).changes.length : 0;
  return (
    <View className='ops-stock'>
      {stores.length > 1 && (
        <View className='ops-stock__stores'>
          <ChoiceChips testKey='stock-store' options={stores} selected={storeId ? [storeId] : []} onChange={([id]) => id && pickStore(id)} />
        </View>
      )}
      {shelf.error && !shelf.data ? (
        <ErrorState message={shelf.error.message} onRetry={() => void shelf.reload()} retrying={shelf.loading} />
      ) : !shelf.data ? (
        <OpsSkeleton />
      ) : (
        <View className='ops-stock__list' data-testid='stock-list'>
          {products.map((p: Doc) => {
            const skuId = str(p.skuId);
            return (
              <StockRow
                key={skuId}
                skuId={skuId}
                name={str(p.name)}
                unit={str(p.unit)}
                shelf={shelf.data?.get(skuId) ?? null}
                offSale={p.onSale === false}
                typed={typed[skuId] ?? ''}
                invalid={invalid === skuId}
                onType={(text) => setTyped((t) => ({ ...t, [skuId]: text }))}
              />
            );
          })}
          <Text className='ops-stock__note'>「—」表示该店没有此商品的在售库存记录（未上架或已下架）；填写后即设置。</Text>
        </View>
      )}
      <View className='ops-stock__bar'>
        <Text className='ops-stock__count'>{changed ? `已修改 ${changed} 个商品` : '填写新库存后保存'}</Text>
        <Button className='ops-stock__save' data-testid='stock-save' {...(saving || !changed ? { disabled: true } : {})} onClick={() => void save()}>
          保存
        </Button>
      </View>
    </View>
  );
}

/** An admin keeps every store's shelf. */
function AdminStock() {
  const stores = useCloud(() => listAll('store'), []);
  if (stores.error) return <ErrorState message={stores.error.message} onRetry={() => void stores.reload()} retrying={stores.loading} />;
  if (!stores.data) return <OpsSkeleton />;
  // In the shop's order (sort, then id): the flagship first.
  const ordered = [...stores.data].sort((a, b) => (typeof a.sort === 'number' ? a.sort : 999) - (typeof b.sort === 'number' ? b.sort : 999) || str(a.storeId).localeCompare(str(b.storeId)));
  return <StockEditor stores={ordered.map((s) => ({ value: str(s.storeId), label: str(s.name) }))} />;
}

/** 运营 · 库存: a store's shelf counts, set with admin.setStock for the changed ones: any store for an admin, their own for a store manager. */
export default function StockPage() {
  const { access, recheck } = useOpsAccess();
  let body: JSX.Element;
  if (access.kind === 'admin') body = <AdminStock />;
  else if (access.kind === 'manager') body = <StockEditor stores={[{ value: access.me.storeId, label: access.me.storeName }]} />;
  else if (access.kind === 'denied') body = <OpsDenied message={access.error.message} />;
  else if (access.kind === 'failed') body = <ErrorState message={access.error.message} onRetry={recheck} />;
  else body = <OpsSkeleton />;
  return (
    <OpsPage title='库存' withBar={access.kind === 'admin' || access.kind === 'manager'} subtitle={access.kind === 'manager' ? `${access.me.storeName} · 本店库存` : '按门店设置在架数量'}>
      {body}
    </OpsPage>
  );
}
