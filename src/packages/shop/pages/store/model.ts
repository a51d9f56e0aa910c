import type { LocateFailure } from '@/services/location';

/** What the store list says when it could not order the stores by distance, and what its button does. */
export interface LocationNote {
  text: string;
  action: string;
}

/** A gentle word for each reason the location is missing: the list still works, in the usual order. */
export function locationNote(reason: LocateFailure): LocationNote {
  switch (reason) {
    case 'denied':
      return { text: '开启位置权限后，可按距离为你找到最近的门店', action: '去开启' };
    case 'privacy':
      return { text: '同意隐私保护指引后，可按距离为你找到最近的门店', action: '重新定位' };
    case 'off':
      return { text: '手机定位服务未开启，打开后可查看离你最近的门店', action: '重新定位' };
    default:
      return { text: '暂时没能获取你的位置，门店按默认顺序排列', action: '重新定位' };
  }
}
