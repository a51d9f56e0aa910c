import Taro from '@tarojs/taro';

/** Mini-program: the real cloud. Identity (OPENID) is attached by WeChat, never by us. */
export async function invokeFunction(name: string, data: unknown): Promise<unknown> {
  const res = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> });
  return res.result;
}
