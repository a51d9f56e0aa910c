import type { FormSpec } from '../form/spec';

/** 轮播图: the shop home's banner, its photo and the page it opens, for an audience and a window. */
export const bannerForm: FormSpec = {
  blank: () => ({ active: true }),
  fields: [
    { path: 'bannerId', label: '轮播图编号', kind: 'text', id: true, required: true },
    { path: 'title', label: '标题', kind: 'text', required: true, maxLength: 30 },
    { path: 'imageFileId', label: '图片', kind: 'image', folder: 'banners', required: true },
    { path: 'link', label: '跳转页面', kind: 'text', required: true, placeholder: 'pages/product/index?skuId=…' },
    { path: 'audience', label: '展示人群', kind: 'audience', optional: true },
    { path: 'window.from', label: '开始日期', kind: 'date', required: true, section: '展示时间' },
    { path: 'window.to', label: '结束日期', kind: 'date', required: true },
    { path: 'sort', label: '排序', kind: 'int', hint: '数字越小越靠前' },
    { path: 'active', label: '启用', kind: 'bool', absent: true },
  ],
};
