import type { FormSpec } from '../form/spec';

/** 门店: name, address, hours, phone, where it is (for 离我最近), order in the list. */
export const storeForm: FormSpec = {
  blank: () => ({}),
  fields: [
    { path: 'storeId', label: '门店编号', kind: 'text', id: true, required: true, placeholder: '如 store-nanshan' },
    { path: 'name', label: '门店名称', kind: 'text', required: true, maxLength: 40 },
    { path: 'address', label: '地址', kind: 'textarea', required: true, maxLength: 120 },
    { path: 'hours', label: '营业时间', kind: 'text', maxLength: 40, placeholder: '如 08:00–22:00' },
    { path: 'phone', label: '门店电话', kind: 'text', maxLength: 20, placeholder: '如 0755-8888 6666' },
    { path: 'location.lat', label: '纬度', kind: 'decimal', section: '位置（用于离我最近）', placeholder: '如 22.5405' },
    { path: 'location.lng', label: '经度', kind: 'decimal', placeholder: '如 113.9345' },
    { path: 'sort', label: '排序', kind: 'int', hint: '数字越小越靠前，不填排在后面' },
  ],
};
