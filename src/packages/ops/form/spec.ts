import type { Option } from '../model/labels';

/**
 * A form is a list of fields, each naming where its value lives in the entity's document (a dotted
 * path), its Chinese label and how it is edited. The form keeps a draft (the document with what the
 * operator typed as text) and turns it back into the document on 保存 (form/draft.ts).
 */

/** What a draft holds: the document's shape, with typed text in place of numbers. */
export type Draft = Record<string, unknown>;

/** Entities a field may pick from (their ids, with their names). */
export type RefEntity = 'couponTemplate' | 'product' | 'store';

interface Common {
  /** Dotted path in the document (relative to the item, inside a group). */
  path: string;
  label: string;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  /** A heading shown above this field. */
  section?: string;
  /** Shown (and sent) only when this holds for the object the field is in (the item, inside a group). */
  when?: (scope: Draft) => boolean;
  /** The document's id: typed once when it is created, read-only after. */
  id?: boolean;
}

export type TextField = Common & { kind: 'text' | 'textarea'; maxLength?: number };
/** Money typed in yuan (12.50), stored as integer fen. */
export type FenField = Common & { kind: 'fen' };
export type NumberField = Common & { kind: 'int' | 'decimal' };
export type BoolField = Common & { kind: 'bool'; /** What an absent value means (onSale, active: true). */ absent?: boolean };
export type SelectField = Common & { kind: 'select'; options: Option[] };
/** Several of the options; `numeric`: the values are stored as integers (weekdays). */
export type MultiField = Common & { kind: 'multi'; options: Option[]; numeric?: boolean };
/** A Shanghai date (YYYY-MM-DD). */
export type DateField = Common & { kind: 'date' };
/** An instant picked as a Shanghai date and time, stored as ISO. */
export type InstantField = Common & { kind: 'instant' };
/** A photo uploaded to cloud storage under `folder/`, stored as its fileID. */
export type ImageField = Common & { kind: 'image'; folder: string };
/** One (ref) or several (refs) ids of another entity's documents. */
export type RefField = Common & { kind: 'ref' | 'refs'; entity: RefEntity };
/** A repeated group: an array of objects, each edited by `fields`. */
export type GroupField = Common & { kind: 'group'; fields: FieldSpec[]; item: string; newItem: () => Draft; max?: number };
/** `{ type, values }`: groups, segments, a minimum tier, paid members or new customers; `optional`: absent means everyone. */
export type AudienceField = Common & { kind: 'audience'; optional: boolean };
/** A campaign's audience: conditions that must all hold. */
export type CampaignAudienceField = Common & { kind: 'campaignAudience' };
/** A coupon's validity: fixed dates, or days after issue. */
export type ValidityField = Common & { kind: 'validity' };

export type FieldSpec =
  | TextField
  | FenField
  | NumberField
  | BoolField
  | SelectField
  | MultiField
  | DateField
  | InstantField
  | ImageField
  | RefField
  | GroupField
  | AudienceField
  | CampaignAudienceField
  | ValidityField;

export interface FormSpec {
  fields: FieldSpec[];
  /** What a new document starts with (as a document; the form turns it into a draft). */
  blank: () => Record<string, unknown>;
  /** A saved document as the form starts from it (a rule set's parts left out keep their defaults). */
  prepare?: (doc: Record<string, unknown>) => Record<string, unknown>;
  /** Facts the functions keep beside the document, shown read-only (never sent). */
  facts?: (doc: Record<string, unknown>) => string[];
}
