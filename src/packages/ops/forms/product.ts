import { CATEGORY_NAMES } from '@core/categories';
import type { FormSpec } from '../form/spec';
import { optionsOf } from '../model/labels';

/** 商品: what it is, its photo, and its prices: list, tier (会员价), paid member (心享价). */
export const productForm: FormSpec = {
  blank: () => ({ onSale: true }),
  fields: [
    { path: 'skuId', label: '商品编号', kind: 'text', id: true, required: true, placeholder: '如 fruit-mango' },
    { path: 'name', label: '商品名称', kind: 'text', required: true, maxLength: 40 },
    { path: 'category', label: '分类', kind: 'select', options: optionsOf(CATEGORY_NAMES), required: true },
    { path: 'unit', label: '规格', kind: 'text', required: true, maxLength: 20, placeholder: '如 500g/盒' },
    { path: 'imageFileId', label: '商品图片', kind: 'image', folder: 'products' },
    { path: 'image', label: '图片地址', kind: 'text', hint: '未上传图片时使用的网络图片地址' },
    { path: 'description', label: '商品描述', kind: 'textarea', maxLength: 300 },
    { path: 'listPriceFen', label: '零售价', kind: 'fen', required: true, section: '价格' },
    { path: 'memberPriceFen.silver', label: '银卡价', kind: 'fen' },
    { path: 'memberPriceFen.gold', label: '金卡价', kind: 'fen' },
    { path: 'memberPriceFen.diamond', label: '钻卡价', kind: 'fen' },
    { path: 'paidPriceFen', label: '心享价', kind: 'fen', hint: '心享付费会员的价格' },
    { path: 'noExtraDiscount', label: '不参与折上折', kind: 'bool', hint: '开启后心享会员的 95 折 / 周五 85 折不再叠加' },
    { path: 'onSale', label: '上架', kind: 'bool', absent: true },
  ],
};
