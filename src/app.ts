import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { CLOUD_ENV } from './services/cloudEnv';
import './app.scss';

// The H5 preview has no wx.cloud: it reaches the local emulator through services/transport.h5.ts.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true });
}

function App({ children }: PropsWithChildren) {
  // children is the page being shown.
  return children;
}

export default App;
