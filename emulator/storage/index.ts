// Cloud storage (云存储) of the local cloud: cloud.uploadFile, getTempFileURL, deleteFile and
// downloadFile through the unchanged wx-server-sdk, and the preview's stand-ins for wx.cloud's.
//
// Wire (read in wx-server-sdk 4.0.2, which calls @cloudbase/node-sdk 3.17.2's storage module):
// - uploadFile: a JSON POST to the admin endpoint, `action: storage.getUploadMetadata`, `path`
//   (the cloudPath), `method: "put"`; the answer's `data` carries `url`, `authorization`, `token`,
//   `cosFileId`, `fileId` (and `download_url`). The SDK then PUTs the bare bytes (chunked) to `url`
//   with headers `authorization` and `Signature` (both the authorization), `x-cos-security-token`
//   (token), `x-cos-meta-fileid` (cosFileId) and `key` (the cloudPath, URI-encoded). It reads the
//   answer's body as XML whatever the status: empty means success and the call resolves
//   `{ fileID: data.fileId }`; an `<Error>` with Code, Message, RequestId and TraceId fails it
//   (`[Code]: Message`).
// - getTempFileURL: `storage.batchGetDownloadUrl`, `file_list: [{ fileid, max_age?, url_type? }]`
//   (max_age only when the caller gave an object) → `data.download_list: [{ fileID, tempFileURL,
//   code, maxAge }]`; code `SUCCESS`, else per file a CloudBase code that wx-server-sdk turns into
//   `status` (STORAGE_FILE_NONEXIST → -503003) and `errMsg` ("storage file not exists").
// - deleteFile: `storage.batchDeleteFile`, `fileid_list: [fileID]` → `data.delete_list: [{ fileID,
//   code }]`, mapped the same way.
// - downloadFile: getTempFileURL of the one file with max_age 600, then a GET on encodeURI(its
//   tempFileURL); 200 → `{ fileContent: <the body, a Buffer> }`. A per-file code other than SUCCESS
//   throws before any GET (errCode -1, `code` the CloudBase code); another status fails the GET.
// A top-level `{ code, message }` answer makes node-sdk throw (it throws on any code), so the caller
// sees errCode -1, `err.code` the string, errMsg `<api>:fail <message>`.

export {
  bucketFor,
  cloudPathProblem,
  createStorageService,
  DEFAULT_MAX_AGE_SECONDS,
  MAX_FILE_BYTES,
  MAX_FILES_PER_CALL,
  StorageCode,
  StorageError,
  type ClientTempUrl,
  type ObjectAnswer,
  type StorageService,
  type StorageServiceOptions,
} from './service';
export { contentTypeOf } from './contentTypes';
export { decodeObjectKey, handleGetObject, handlePutObject, readUpload } from './http';
export { openObjectStore, type ObjectStore } from './objects';
