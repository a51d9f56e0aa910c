/**
 * The persona switcher is an H5-preview tool (index.h5.tsx). Every other build, the mini-program
 * included, gets this empty stand-in, so no demo openid ever reaches dist/weapp.
 */
export function PersonaSwitcher(): null {
  return null;
}
