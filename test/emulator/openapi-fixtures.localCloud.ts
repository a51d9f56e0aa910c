// A local cloud project for subscribeMessage.test.ts: the openapi fixtures with no subscription
// templates declared, so any non-empty template id is accepted and values are checked by keyword name.
import type { LocalCloudProject } from '@emulator/project';

const project: LocalCloudProject = {
  functionsDir: 'openapi-fixtures',
};

export default project;
