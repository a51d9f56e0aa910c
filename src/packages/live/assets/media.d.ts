/** The demo clip is bundled by the H5 build's media rule and imported as its URL. */
declare module '*.webm' {
  const url: string;
  export default url;
}
