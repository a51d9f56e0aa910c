// cloudbaserc.json, the CloudBase CLI's project file (version 2.0): which functions exist, their
// timeouts, and the environment variables each one is deployed with. The local cloud reads the
// variables from it so that a function sees exactly what production would give it, no more.
//
// Values are never committed: the file holds templates such as "{{env.MCH_KEY}}", which the
// CLI fills from .env files at deploy time and the local cloud fills from its own environment.

import { readFileSync } from 'node:fs';

export interface CloudbaseFunctionConfig {
  name: string;
  /** Seconds (1–60 on CloudBase). Recorded for deployment; the local cloud does not enforce it. */
  timeout?: number;
  envVariables?: Record<string, string>;
  [other: string]: unknown;
}

export interface CloudbaseConfig {
  version?: string;
  envId?: string;
  functionRoot?: string;
  functions: CloudbaseFunctionConfig[];
}

export class CloudbaseConfigError extends Error {}

/** Reads and checks the parts the local cloud relies on; anything else in the file is left alone. */
export function readCloudbaseConfig(file: string): CloudbaseConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CloudbaseConfigError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const config = raw as Partial<CloudbaseConfig>;
  if (!config || typeof config !== 'object' || !Array.isArray(config.functions)) {
    throw new CloudbaseConfigError(`${file}: "functions" must be an array`);
  }
  for (const fn of config.functions) {
    if (!fn || typeof fn.name !== 'string' || !fn.name) throw new CloudbaseConfigError(`${file}: every function needs a name`);
    const vars = fn.envVariables ?? {};
    if (typeof vars !== 'object' || Object.values(vars).some((v) => typeof v !== 'string')) {
      throw new CloudbaseConfigError(`${file}: envVariables of ${fn.name} must map names to strings`);
    }
  }
  return config as CloudbaseConfig;
}

const TEMPLATE = /\{\{\s*([A-Za-z_]\w*)\.([A-Za-z_]\w*)\s*\}\}/g;

/**
 * Fills "{{env.NAME}}" from `lookup`. Only version 2.0 files have templates (as in the CLI); the
 * other namespaces ({{tcb.envId}}, {{util.uid}}) mean nothing locally and are refused. Undefined when
 * a variable the value needs has no value: the function then runs without it, as if never set.
 */
export function renderValue(value: string, lookup: (name: string) => string | undefined, templated = true): string | undefined {
  if (!templated) return value;
  let missing = false;
  const rendered = value.replace(TEMPLATE, (_, namespace: string, name: string) => {
    if (namespace !== 'env') throw new CloudbaseConfigError(`{{${namespace}.${name}}} is not supported by the local cloud; use {{env.${name}}}`);
    const found = lookup(name);
    if (found === undefined) missing = true;
    return found ?? '';
  });
  return missing ? undefined : rendered;
}

/** Per function name, the variables it is deployed with: what startLocalCloud takes as functionEnv. */
export function functionEnvFromConfig(config: CloudbaseConfig, lookup: (name: string) => string | undefined): Record<string, Record<string, string>> {
  const templated = Number.parseFloat(config.version ?? '1') >= 2;
  const out: Record<string, Record<string, string>> = {};
  for (const fn of config.functions) {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(fn.envVariables ?? {})) {
      const rendered = renderValue(value, lookup, templated);
      if (rendered !== undefined) env[key] = rendered;
    }
    out[fn.name] = env;
  }
  return out;
}
