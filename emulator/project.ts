// A project file: what one project tells the local cloud's CLI (main.ts) about itself, the way a
// wrangler.toml tells Miniflare. It is a TypeScript module whose default export is a LocalCloudProject
// (write it with defineLocalCloudProject for the types). Paths in it are relative to its own folder.

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DatabaseSchema, SeedDataset } from './database';
import type { SubscribeTemplate } from './openApi';

/** What a dev default of a console variable may depend on. */
export interface DevDefaultContext {
  /** The data directory this local cloud runs on (absolute; it exists). */
  dataDir: string;
}

export interface LocalCloudProject {
  /** WX_APPID of an invocation whose caller gives none. Default 'wx-local-dev'. */
  appId?: string;
  /** The environment id (TCB_ENV). Default 'local-dev'. */
  envId?: string;
  /** The database schema: the path of its JSON file, or the schema itself. Default: no collections. */
  schema?: string | DatabaseSchema;
  /** Datasets by name (name → function of the load instant returning documents by collection); 'empty' is built in. */
  seeds?: Record<string, SeedDataset>;
  /** The dataset a new data directory gets when CLOUD_SEED is unset. Default 'empty'. */
  defaultSeed?: string;
  /**
   * cloudbaserc.json (the CloudBase CLI's project file): each function's console variables, as
   * "{{env.NAME}}" templates filled from the environment. CLOUDBASE_CONFIG overrides it. Default: none,
   * and functions get no console variables.
   */
  cloudbaserc?: string;
  /**
   * The deployable functions (<name>/index.js, <name>/config.json). FUNCTIONS_DIR overrides it.
   * Default: the cloudbaserc's functionRoot (relative to that file), else cloudfunctions/.
   */
  functionsDir?: string;
  /** Served to GET requests no route takes (an H5 build). Default: none. */
  staticDir?: string;
  /**
   * Values for "{{env.NAME}}" templates when the environment leaves NAME unset: development defaults,
   * asked for only when a function is declared with the variable. Never put a real secret here; see
   * secretInDataDir for one made per data directory.
   */
  devConsoleVariables?: Record<string, (context: DevDefaultContext) => string>;
  /** The subscription-message templates the project uses (see LocalCloudOptions.subscribeTemplates). Default: any template id is accepted. */
  subscribeTemplates?: Record<string, SubscribeTemplate>;
}

/** Identity, for the types: `export default defineLocalCloudProject({ … })`. */
export function defineLocalCloudProject(project: LocalCloudProject): LocalCloudProject {
  return project;
}

/**
 * A random value made the first time a data directory asks for it and kept there (file `name`,
 * readable by its owner only): a development secret that is never in a repository and stays the same
 * across restarts on the same data, so what it signed stays valid.
 */
export function secretInDataDir(dataDir: string, name: string): string {
  const file = resolve(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** A project file loaded, with its paths made absolute. */
export interface LoadedProject extends Omit<LocalCloudProject, 'schema' | 'cloudbaserc' | 'functionsDir' | 'staticDir'> {
  file: string;
  schema?: string | DatabaseSchema;
  cloudbaserc?: string;
  functionsDir?: string;
  staticDir?: string;
}

export async function loadProject(file: string): Promise<LoadedProject> {
  const absolute = resolve(file);
  if (!existsSync(absolute)) throw new Error(`no local cloud project file at ${absolute}`);
  const module = (await import(pathToFileURL(absolute).href)) as { default?: unknown };
  // A TypeScript module loaded as CommonJS arrives as { default: { default: project } }.
  let project = module.default as (LocalCloudProject & { default?: unknown }) | undefined;
  if (project && typeof project === 'object' && 'default' in project && project.default && typeof project.default === 'object') {
    project = project.default as LocalCloudProject;
  }
  if (!project || typeof project !== 'object') throw new Error(`${absolute} must export default a local cloud project (defineLocalCloudProject)`);
  const dir = dirname(absolute);
  const path = (p: string | undefined) => (p === undefined ? undefined : isAbsolute(p) ? p : resolve(dir, p));
  return {
    ...project,
    file: absolute,
    schema: typeof project.schema === 'string' ? path(project.schema) : project.schema,
    cloudbaserc: path(project.cloudbaserc),
    functionsDir: path(project.functionsDir),
    staticDir: path(project.staticDir),
  };
}
