import type { PropsWithChildren } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { CLOUD_ENV } from './services/cloudEnv';
import { handleShareEntry } from './services/sharing';
import type { EntryOptions } from './services/shareEntryTypes';
import './app.scss';

// The H5 preview has no wx.cloud: it reaches the local emulator through services/transport.h5.ts.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true });
}

function App({ children }: PropsWithChildren) {
  // Opened (or brought back) from a share card: record the visit, join the group it came from.
  useDidShow((options) => void handleShareEntry(options as EntryOptions | undefined));
  // children is the page being shown.
  return children;
}

export default App;
