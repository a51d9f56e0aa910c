import { Input, Text, Textarea, View } from '@tarojs/components';
import { toDraft, type AudienceDraft, type CampaignAudienceDraft, type FieldErrors, type ValidityDraft } from '@/packages/ops/form/draft';
import type { Draft, FieldSpec, RefEntity } from '@/packages/ops/form/spec';
import type { Option } from '@/packages/ops/model/labels';
import { AudienceEditor } from '../audience-editor';
import { CampaignAudienceEditor } from '../campaign-audience-editor';
import { ChoiceChips } from '../choice-chips';
import { DatePicker, InstantPicker } from '../date-picker';
import { FieldRow } from '../field-row';
import { OnOff } from '../on-off';
import { PhotoPicker } from '../photo-picker';
import { RefList, RefPicker } from '../ref-picker';
import { RepeatGroup } from '../repeat-group';
import { ValidityEditor } from '../validity-editor';
import './index.scss';

/** The documents a field may pick from, per entity. */
export type RefOptions = Record<RefEntity, { options: Option[]; loading: boolean }>;

export interface EntityFormProps {
  fields: FieldSpec[];
  draft: Draft;
  onChange: (path: string, value: unknown) => void;
  errors: FieldErrors;
  refs: RefOptions;
  /** A new document: its id is typed; a saved one's is shown read-only. */
  isNew: boolean;
  /** Where a photo of this document goes in cloud storage. */
  photoPath: (folder: string) => string;
  /** Keys inside a group's item start with `items.0.`. */
  prefix?: string;
}

const STACKED = new Set(['group', 'audience', 'campaignAudience', 'validity', 'multi', 'refs', 'image', 'textarea']);

function Control({ field, value, fieldKey, props }: { field: FieldSpec; value: unknown; fieldKey: string; props: EntityFormProps }) {
  const { onChange, isNew, refs } = props;
  const set = (v: unknown) => onChange(field.path, v);
  const text = typeof value === 'string' ? value : '';
  if (field.id && !isNew) {
    const shown = field.kind === 'select' ? (field.options.find((o) => o.value === text)?.label ?? text) : text;
    return (
      <Text className='entity-form__readonly' data-testid={`readonly-${fieldKey}`}>
        {shown}
      </Text>
    );
  }
  switch (field.kind) {
    case 'text':
    case 'fen':
    case 'int':
    case 'decimal':
      return (
        <View className='entity-form__input-box'>
          <Input
            className='entity-form__input'
            data-testid={`input-${fieldKey}`}
            type={field.kind === 'int' ? 'number' : field.kind === 'text' ? 'text' : 'digit'}
            value={text}
            placeholder={field.placeholder ?? (field.kind === 'fen' ? '0.00' : '')}
            placeholderClass='entity-form__placeholder'
            maxlength={field.kind === 'text' ? (field.maxLength ?? 300) : 16}
            onInput={(e) => set(e.detail.value)}
          />
          {field.kind === 'fen' && <Text className='entity-form__unit'>元</Text>}
        </View>
      );
    case 'textarea':
      return <Textarea className='entity-form__textarea' data-testid={`input-${fieldKey}`} value={text} autoHeight maxlength={field.maxLength ?? 300} placeholder={field.placeholder} onInput={(e) => set(e.detail.value)} />;
    case 'bool':
      return <OnOff testId={`toggle-${fieldKey}`} on={value === true} onChange={set} />;
    case 'select': {
      // A value saved by another tool (a category not in the list) stays choosable.
      const options = text && !field.options.some((o) => o.value === text) ? [...field.options, { value: text, label: text }] : field.options;
      return <ChoiceChips testKey={fieldKey} options={options} selected={[text]} clearable={!field.required} onChange={([v = '']) => set(v)} />;
    }
    case 'multi':
      return <ChoiceChips testKey={fieldKey} options={field.options} selected={(value as string[]) ?? []} multiple onChange={set} />;
    case 'date':
      return <DatePicker testKey={fieldKey} value={text} onChange={set} />;
    case 'instant':
      return <InstantPicker testKey={fieldKey} value={text} onChange={set} />;
    case 'image':
      return <PhotoPicker testKey={fieldKey} value={text} removable={!field.required} cloudPath={() => props.photoPath(field.folder)} onChange={set} />;
    case 'ref':
      return <RefPicker testKey={fieldKey} {...refs[field.entity]} value={text} optional={!field.required} onChange={set} />;
    case 'refs':
      return <RefList testKey={fieldKey} {...refs[field.entity]} values={(value as string[]) ?? []} onChange={set} />;
    case 'audience':
      return <AudienceEditor testKey={fieldKey} value={value as AudienceDraft} optional={field.optional} onChange={set} />;
    case 'campaignAudience':
      return <CampaignAudienceEditor testKey={fieldKey} value={value as CampaignAudienceDraft} onChange={set} />;
    case 'validity':
      return <ValidityEditor testKey={fieldKey} value={value as ValidityDraft} onChange={set} />;
    case 'group': {
      const items = (value as Draft[]) ?? [];
      return (
        <RepeatGroup
          testKey={fieldKey}
          item={field.item}
          items={items}
          max={field.max}
          onAdd={() => set([...items, toDraft(field.fields, field.newItem())])}
          onRemove={(i) => set(items.filter((_, j) => j !== i))}
          renderItem={(item, i) => (
            <EntityForm
              {...props}
              fields={field.fields}
              draft={item}
              prefix={`${fieldKey}.${i}.`}
              onChange={(path, v) => set(items.map((it, j) => (j === i ? { ...it, [path]: v } : it)))}
            />
          )}
        />
      );
    }
  }
}

/** A form from its field spec: each field's control, label, hint and error (the server's, beside the field it names). */
export function EntityForm(props: EntityFormProps) {
  const { fields, draft, errors, prefix = '' } = props;
  return (
    <View className='entity-form'>
      {fields.map((field) => {
        if (field.when && !field.when(draft)) return null;
        const fieldKey = prefix + field.path;
        return (
          <View key={field.path} className='entity-form__field'>
            {field.section && <Text className='entity-form__section'>{field.section}</Text>}
            <FieldRow fieldKey={fieldKey} label={field.label} required={field.required && field.kind !== 'refs' && field.kind !== 'bool'} hint={field.hint} error={errors[fieldKey]} stacked={STACKED.has(field.kind)}>
              <Control field={field} value={draft[field.path]} fieldKey={fieldKey} props={props} />
            </FieldRow>
          </View>
        );
      })}
    </View>
  );
}
