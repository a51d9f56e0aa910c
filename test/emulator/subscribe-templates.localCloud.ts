// A local cloud project for openApi.subscribe.test.ts: the openapi fixtures, with the subscription
// templates declared (any other template id is refused with 40037).
import type { LocalCloudProject } from '@emulator/project';

const project: LocalCloudProject = {
  functionsDir: 'openapi-fixtures',
  subscribeTemplates: {
    'tpl-order-paid': { fields: { thing1: 'thing', amount2: 'amount', date3: 'date', character_string4: 'character_string', phrase5: 'phrase', name6: 'name' } },
  },
};

export default project;
