import type { FormSpec } from '../form/spec';
import { optionsOf, ROLE_NAMES } from '../model/labels';

/** 员工: who (their WeChat OPENID), which store, which role, and whether they may work now. */
export const staffForm: FormSpec = {
  blank: () => ({ role: 'clerk', active: true }),
  fields: [
    { path: 'openid', label: '微信 OPENID', kind: 'text', id: true, required: true, hint: '员工在小程序中的 OPENID' },
    { path: 'name', label: '姓名', kind: 'text', maxLength: 20, hint: '显示在核销记录中' },
    { path: 'storeId', label: '所属门店', kind: 'ref', entity: 'store', required: true },
    { path: 'role', label: '角色', kind: 'select', options: optionsOf(ROLE_NAMES), required: true },
    { path: 'active', label: '在职', kind: 'bool', absent: true, hint: '关闭后立即失去店员权限' },
  ],
};
