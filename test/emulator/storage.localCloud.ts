// A local cloud project for storage.test.ts: one function, `storage`, calling the SDK's cloud storage APIs.
import type { LocalCloudProject } from '@emulator/project';

const project: LocalCloudProject = {
  functionsDir: 'storage-fixtures',
};

export default project;
