import { useEffect, useMemo, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { EntityName } from '@contract/admin';
import { ErrorState } from '@/components/error-state';
import { EntityForm, type RefOptions } from '@/packages/ops/components/entity-form';
import { OpsDenied } from '@/packages/ops/components/ops-denied';
import { OpsEmpty, OpsPage, OpsSkeleton } from '@/packages/ops/components/ops-page';
import { FORMS } from '@/packages/ops/forms';
import { anchorOf, fieldKeys, toDoc, toDraft, type FieldErrors } from '@/packages/ops/form/draft';
import type { Draft } from '@/packages/ops/form/spec';
import { assertAdmin, findDoc, listAll, listPage } from '@/packages/ops/model/api';
import { campaignUrl, entityInfo, isEntity, isRuleSet, listUrl, OPS_ROOT } from '@/packages/ops/model/entities';
import { useCloud } from '@/hooks/useCloud';
import { runAction, toast, toastError } from '@/services/action';
import { CloudCallError, callCloud } from '@/services/cloud';
import { NO_REFS, photoCloudPath, refEntitiesOf, refOption, startingDoc } from './model';
import './index.scss';

type Doc = Record<string, unknown>;

/** The documents the form picks from, loaded once. */
function useRefOptions(entity: EntityName, enabled: boolean): RefOptions {
  const [refs, setRefs] = useState<RefOptions>(NO_REFS);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    for (const ref of refEntitiesOf(FORMS[entity].fields)) {
      setRefs((r) => ({ ...r, [ref]: { options: [], loading: true } }));
      listAll(ref).then(
        (docs) => live && setRefs((r) => ({ ...r, [ref]: { options: docs.map((d) => refOption(ref, d)), loading: false } })),
        () => live && setRefs((r) => ({ ...r, [ref]: { options: [], loading: false } })),
      );
    }
    return () => {
      live = false;
    };
  }, [entity, enabled]);
  return refs;
}

function leave(entity: EntityName) {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: isRuleSet(entity) ? `${OPS_ROOT}/index/index` : listUrl(entity) });
}

interface EntityEditorProps {
  entity: EntityName;
  /** The saved document, or null for a new one (a rule set not saved yet is new too). */
  saved: Doc | null;
  refs: RefOptions;
}

function EntityEditor({ entity, saved, refs }: EntityEditorProps) {
  const info = entityInfo(entity);
  const form = FORMS[entity];
  const isNew = saved === null;
  const [draft, setDraft] = useState<Draft>(() => toDraft(form.fields, startingDoc(entity, saved)));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const facts = saved && form.facts ? form.facts(saved) : [];
  const idValue = info.idField ? String(draft[info.idField] ?? '') : entity;

  const change = (path: string, value: unknown) => {
    setDraft((d) => ({ ...d, [path]: value }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => key !== path && !key.startsWith(`${path}.`))));
  };

  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    const [first] = Object.keys(found);
    if (!first) return;
    toastError(found[first]);
    void Taro.pageScrollTo({ selector: `#field-${first.replace(/\./g, '-')}`, duration: 200 }).catch(() => undefined);
  };

  const save = async () => {
    if (saving) return;
    setBanner(null);
    const { doc, errors: found } = toDoc(form.fields, draft);
    if (Object.keys(found).length) return showErrors(found);
    setSaving(true);
    try {
      // A new document under an id that exists would replace it: ask first.
      if (isNew && info.idField) {
        const clash = await findDoc(entity, String(doc[info.idField])).catch(() => null);
        if (clash) {
          const answer = await Taro.showModal({ title: '编号已存在', content: `「${idValue}」已存在，保存将覆盖原有内容，确定吗？`, confirmText: '覆盖', cancelText: '取消' });
          if (!answer.confirm) return;
        }
      }
      const result = await runAction(() => callCloud('admin', { action: 'upsert', entity, doc }), { loading: '保存中', error: false });
      if (result.ok) {
        toast('已保存', 'success');
        leave(entity);
        return;
      }
      const { error } = result;
      const field = typeof error.details?.field === 'string' ? error.details.field : null;
      const anchor = field !== null ? anchorOf(field, fieldKeys(form.fields, draft)) : null;
      if (anchor) showErrors({ [anchor]: error.message });
      else {
        setBanner(error.message);
        toastError(error.message);
      }
    } finally {
      setSaving(false);
    }
  };

  const footer = (
    <View className='ops-edit__bar'>
      {entity === 'campaign' && !isNew && (
        <Text className='ops-edit__link' onClick={() => void Taro.navigateTo({ url: campaignUrl(idValue) })}>
          执行情况 ›
        </Text>
      )}
      <Button className='ops-edit__save' data-testid='entity-save' {...(saving ? { loading: true, disabled: true } : {})} onClick={() => void save()}>
        保存
      </Button>
    </View>
  );

  return (
    <OpsPage title={`${isNew && !isRuleSet(entity) ? '新建' : '编辑'}${info.title}`} subtitle={isNew ? undefined : idValue} footer={footer}>
      {facts.length > 0 && (
        <View className='ops-edit__facts' data-testid='entity-facts'>
          {facts.map((f) => (
            <Text key={f} className='ops-edit__fact'>
              {f}
            </Text>
          ))}
        </View>
      )}
      {banner && (
        <Text className='ops-edit__banner' data-testid='form-error'>
          {banner}
        </Text>
      )}
      <View className='ops-edit__card' data-testid='entity-form'>
        <EntityForm
          fields={form.fields}
          draft={draft}
          onChange={change}
          errors={errors}
          refs={refs}
          isNew={isNew && !isRuleSet(entity)}
          photoPath={(folder) => photoCloudPath(folder, idValue, Date.now())}
        />
      </View>
    </OpsPage>
  );
}

/** 运营 · 编辑: an entity's form (new, or the saved document by its id; a rule set's one document or its defaults). */
export default function EditPage() {
  const { params } = useRouter();
  const entity = isEntity(params.entity) ? params.entity : null;
  const id = params.id ? decodeURIComponent(params.id) : null;
  const title = entity ? entityInfo(entity).title : '';
  const loaded = useCloud(async (): Promise<Doc | null> => {
    if (!entity) return null;
    // Only admins may see a form: the server says who is one (a store manager may read products and stores).
    if (entity === 'product' || entity === 'store') await assertAdmin();
    if (isRuleSet(entity)) return findDoc(entity, null);
    if (!id) {
      await listPage(entity, null);
      return null;
    }
    const doc = await findDoc(entity, id);
    if (!doc) throw new CloudCallError('NOT_FOUND', `${title}「${id}」不存在或已删除`);
    return doc;
  }, [entity, id]);
  const ready = loaded.data !== undefined && !loaded.loading;
  const refs = useRefOptions(entity ?? 'store', !!entity && ready);
  const key = useMemo(() => `${entity}:${id}:${loaded.data ? 'saved' : 'new'}`, [entity, id, loaded.data]);

  if (!entity) {
    return (
      <OpsPage title='编辑'>
        <OpsEmpty text='未知的资料类型' hint='请从运营后台首页进入' />
      </OpsPage>
    );
  }
  if (loaded.error?.code === 'FORBIDDEN') {
    return (
      <OpsPage title={title}>
        <OpsDenied message={loaded.error.message} />
      </OpsPage>
    );
  }
  if (loaded.error) {
    return (
      <OpsPage title={title}>
        <ErrorState message={loaded.error.message} onRetry={() => void loaded.reload()} retrying={loaded.loading} />
      </OpsPage>
    );
  }
  if (!ready) {
    return (
      <OpsPage title={title}>
        <OpsSkeleton rows={5} />
      </OpsPage>
    );
  }
  return <EntityEditor key={key} entity={entity} saved={loaded.data ?? null} refs={refs} />;
}
