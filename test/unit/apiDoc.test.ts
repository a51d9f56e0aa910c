import { describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { contracts } from '@contract/index';
import { entitySchemas } from '@contract/admin';
import { ERROR_MESSAGES } from '@contract/errors';
import { payNotification } from '@contract/payCallback';

/**
 * docs/api.md is the public API's reference; these checks keep it from drifting from the code. Every
 * list below is read from the code at run time (the zod schemas, the TypeScript response interfaces
 * through the compiler API, ERROR_MESSAGES, the functions' sources, the timers' config.json, the
 * emulator's router source), never copied into this file, so a change to the code that the document
 * does not follow fails here, and so does a document entry the code no longer has.
 *
 * What the checks read in the document:
 * - `## Envelope`: JSON examples whose keys are the fields of `Result` and `CloudError`.
 * - `## Function \`<name>\`` per function of contract/index.ts, and in it `### <name>.<action>` per
 *   action, each with a `**Request**` table, a `**Response**` block and an `**Errors**` line.
 * - Field tables: one row per field, the first cell the field in backticks (`items[].qty` for a field
 *   of an array's elements, `audience.type` for a field of an object). Request and entity tables have
 *   the columns field | type | required or optional | constraints; response tables field | type | meaning.
 * - `## Error codes`: a table whose rows are `CODE` | meaning | default message.
 * - `## Response types`: `### \`<Interface>\`` with the interface's fields table.
 * - `## Payment callback`: a Request table and a Response block, like an action.
 * - `## Admin entities`: `### \`<entity>\`` with the entity's fields table.
 * - `## Timers`: `### \`<function>\`` naming its trigger and its cron, each in backticks.
 * - `## Local cloud dev gateway`: `### \`<METHOD> <path>\`` per route (`:name` for a path parameter),
 *   with a `body field | meaning` table of the fields a route reads from its JSON body.
 */

const ROOT = resolve(__dirname, '../..');
const DOC_FILE = join(ROOT, 'docs', 'api.md');

// ---------------------------------------------------------------------------------------------
// The document

interface Heading {
  level: number;
  text: string;
  /** Line index of the heading. */
  start: number;
  /** Line index where its section ends (the next heading of the same or a higher level). */
  end: number;
}

interface Doc {
  lines: string[];
  headings: Heading[];
}

function parseDoc(text: string): Doc {
  const lines = text.split(/\r?\n/);
  const found: Array<Omit<Heading, 'end'>> = [];
  let fenced = false;
  lines.forEach((line, start) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (m) found.push({ level: m[1].length, text: m[2], start });
  });
  const headings = found.map((h, i) => {
    const next = found.slice(i + 1).find((n) => n.level <= h.level);
    return { ...h, end: next ? next.start : lines.length };
  });
  return { lines, headings };
}

const bodyOf = (doc: Doc, h: Heading) => doc.lines.slice(h.start + 1, h.end);
const childrenOf = (doc: Doc, parent: Heading) => doc.headings.filter((h) => h.level === parent.level + 1 && h.start > parent.start && h.start < parent.end);

/** The one `## …` section whose title matches (a problem when there is none, or more than one). */
function topSection(doc: Doc, title: RegExp, problems: string[]): Heading | null {
  const found = doc.headings.filter((h) => h.level === 2 && title.test(h.text));
  if (found.length === 1) return found[0];
  problems.push(`docs/api.md needs exactly one "## " section matching ${title}, found ${found.length}`);
  return null;
}

/** The text of a heading in backticks: `### \`QuoteView\`` → QuoteView. */
const backticked = (text: string) => /^`([^`]+)`/.exec(text)?.[1] ?? null;

/** Table cells, split on the pipes that are not escaped (`string \| null`). */
const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());

interface Row {
  name: string;
  cells: string[];
  text: string;
}

/** The rows of the tables in `lines` whose first cell is a name in backticks. */
function fieldRows(lines: string[]): Row[] {
  return lines
    .filter((line) => line.trim().startsWith('|'))
    .map((line) => ({ cells: cellsOf(line), text: line }))
    .map(({ cells, text }) => ({ name: /^`([^`]+)`$/.exec(cells[0])?.[1] ?? '', cells, text }))
    .filter((row) => row.name !== '');
}

/** From the line starting `**<label>**` to the next line starting with a bold label (or the end). */
function block(lines: string[], label: string): string[] | null {
  const start = lines.findIndex((line) => line.startsWith(`**${label}**`));
  if (start < 0) return null;
  const rest = lines.slice(start);
  const next = rest.findIndex((line, i) => i > 0 && /^\*\*[A-Za-z]/.test(line));
  return next < 0 ? rest : rest.slice(0, next);
}

// ---------------------------------------------------------------------------------------------
// The zod schemas (zod v4: every schema carries its definition in `_zod.def`)

interface CheckDef {
  check: string;
  value?: number | bigint;
  minimum?: number;
  maximum?: number;
  format?: string;
}

interface ZodDef {
  type: string;
  innerType?: Schema;
  in?: Schema;
  element?: Schema;
  options?: Schema[];
  shape?: Record<string, Schema>;
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: Array<{ _zod: { def: CheckDef } }>;
}

interface Schema {
  _zod: { def: ZodDef; optin?: string };
}

const asSchema = (value: unknown) => value as Schema;

interface FieldSpec {
  path: string;
  optional: boolean;
  nullable: boolean;
  integer: boolean;
  /** The effective inclusive bounds: numbers' values, strings' and arrays' lengths. */
  bounds: number[];
  /** Enum and literal values. */
  options: string[];
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

function unwrap(schema: Schema): { inner: Schema; optional: boolean; nullable: boolean } {
  let inner = schema;
  let nullable = false;
  for (;;) {
    const def = inner._zod.def;
    if (WRAPPERS.has(def.type) && def.innerType) {
      if (def.type === 'nullable') nullable = true;
      inner = def.innerType;
    } else if (def.type === 'pipe' && def.in) inner = def.in;
    else break;
  }
  return { inner, optional: schema._zod.optin === 'optional', nullable };
}

/** Adds what a (unwrapped) schema says about its values: options, integer, bounds. */
function collect(schema: Schema, spec: FieldSpec): void {
  const def = schema._zod.def;
  if (def.type === 'enum') spec.options.push(...Object.values(def.entries ?? {}).map(String));
  if (def.type === 'literal') spec.options.push(...(def.values ?? []).map(String));
  let low: number | undefined;
  let high: number | undefined;
  for (const check of (def.checks ?? []).map((c) => c._zod.def)) {
    if (check.check === 'number_format' && /int/.test(check.format ?? '')) spec.integer = true;
    if (check.check === 'greater_than' || check.check === 'min_length') {
      const n = Number(check.check === 'greater_than' ? check.value : check.minimum);
      low = low === undefined ? n : Math.max(low, n);
    }
    if (check.check === 'less_than' || check.check === 'max_length') {
      const n = Number(check.check === 'less_than' ? check.value : check.maximum);
      high = high === undefined ? n : Math.min(high, n);
    }
  }
  for (const bound of [low, high]) if (bound !== undefined && Number.isFinite(bound)) spec.bounds.push(bound);
}

function objectFields(schema: Schema, prefix: string): FieldSpec[] {
  const shape = schema._zod.def.shape ?? {};
  return Object.entries(shape).flatMap(([name, field]) => fieldSpecs(prefix + name, field));
}

/** A field and, for objects, arrays of objects and unions of objects, the fields inside it. */
function fieldSpecs(path: string, field: Schema): FieldSpec[] {
  const { inner, optional, nullable } = unwrap(field);
  const spec: FieldSpec = { path, optional, nullable, integer: false, bounds: [], options: [] };
  collect(inner, spec);
  const def = inner._zod.def;
  if (def.type === 'object') return [spec, ...objectFields(inner, `${path}.`)];
  if (def.type === 'array' && def.element) {
    const element = unwrap(def.element).inner;
    if (element._zod.def.type === 'object') return [spec, ...objectFields(element, `${path}[].`)];
    collect(element, spec);
    return [spec];
  }
  if (def.type === 'union') {
    const nested = new Map<string, FieldSpec>();
    for (const option of (def.options ?? []).map((o) => unwrap(o).inner)) {
      if (option._zod.def.type !== 'object') collect(option, spec);
      else for (const f of objectFields(option, `${path}.`)) if (!nested.has(f.path)) nested.set(f.path, f);
    }
    return [spec, ...nested.values()];
  }
  return [spec];
}

const actionsOf = (request: unknown) =>
  (asSchema(request)._zod.def.options ?? []).map((option) => ({
    action: String(option._zod.def.shape?.action._zod.def.values?.[0]),
    schema: option,
  }));

/** The numbers a constraints cell names, thousands separators removed: "1–99", "0–100,000,000". */
const numbersIn = (text: string) => new Set((text.replace(/(\d)[,_\u2009\u202f](?=\d{3}(?!\d))/g, '$1').match(/\d+/g) ?? []).map(Number));

/** Compares a field table with the schema's fields, both ways; every mismatch becomes a problem. */
function checkFieldTable(where: string, lines: string[], specs: FieldSpec[], problems: string[]): void {
  const rows = fieldRows(lines);
  const byName = new Map(rows.map((row) => [row.name, row]));
  for (const spec of specs) {
    const row = byName.get(spec.path);
    if (!row) {
      problems.push(`${where}: field \`${spec.path}\` is missing from its table`);
      continue;
    }
    const [, type = '', required = '', constraints = ''] = row.cells;
    const says = /^(required|optional)\b/i.exec(required)?.[1].toLowerCase();
    if (!says) problems.push(`${where}: \`${spec.path}\` says neither required nor optional in its third column ("${required}")`);
    else if ((says === 'optional') !== spec.optional) problems.push(`${where}: \`${spec.path}\` is ${spec.optional ? 'optional' : 'required'} in the schema, documented as ${says}`);
    if (spec.nullable && !/\bnull\b/.test(row.text)) problems.push(`${where}: \`${spec.path}\` may be null, the document does not say so`);
    if (spec.integer && !/integer/i.test(type)) problems.push(`${where}: \`${spec.path}\` is an integer, its type column says "${type}"`);
    const numbers = numbersIn(constraints);
    for (const bound of spec.bounds) if (!numbers.has(Math.abs(bound))) problems.push(`${where}: \`${spec.path}\` has the bound ${bound}, its constraints column ("${constraints}") does not name it`);
    for (const option of spec.options) if (!row.text.includes(`\`${option}\``) && !row.text.includes(`"${option}"`)) problems.push(`${where}: \`${spec.path}\` may be "${option}", its row does not name it`);
  }
  const known = new Set(specs.map((s) => s.path));
  for (const row of rows) if (!known.has(row.name)) problems.push(`${where}: \`${row.name}\` is documented but is not a field of the schema`);
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.name)) problems.push(`${where}: \`${row.name}\` is documented twice`);
    seen.add(row.name);
  }
}

// ---------------------------------------------------------------------------------------------
// The TypeScript response interfaces, through the compiler API

interface TsField {
  path: string;
  optional: boolean;
  nullable: boolean;
}

interface TsShape {
  fields: TsField[];
  /** Project interfaces the value refers to by name (documented in "Response types"). */
  refs: Set<string>;
}

let responseTypesCache: ReturnType<typeof readResponseTypes> | undefined;
/** Building the TypeScript program takes a couple of seconds: once per run. */
const responseTypes = () => (responseTypesCache ??= readResponseTypes());

function readResponseTypes() {
  const program = ts.createProgram([join(ROOT, 'contract', 'index.ts'), join(ROOT, 'contract', 'payCallback.ts')], {
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  });
  const checker = program.getTypeChecker();
  const exportsOf = (file: string) => {
    const source = program.getSourceFile(join(ROOT, 'contract', file));
    assert.ok(source, `contract/${file} not found by the TypeScript program`);
    return checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
  };
  const named = new Map<string, ts.Type>();

  const projectInterface = (type: ts.Type): string | null => {
    const symbol = type.getSymbol();
    if (!symbol || !(symbol.flags & ts.SymbolFlags.Interface)) return null;
    const file = symbol.declarations?.[0]?.getSourceFile().fileName ?? '';
    return file.startsWith(ROOT) && !file.includes('/node_modules/') ? symbol.name : null;
  };

  const walkValue = (type: ts.Type, path: string, out: TsShape): void => {
    if (type.isUnion() || type.isIntersection()) {
      for (const part of type.types) if (!(part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined))) walkValue(part, path, out);
      return;
    }
    if (!(type.flags & ts.TypeFlags.Object)) return;
    if (checker.isArrayType(type)) {
      walkValue(checker.getTypeArguments(type as ts.TypeReference)[0], `${path}[]`, out);
      return;
    }
    const name = projectInterface(type);
    if (name) {
      out.refs.add(name);
      named.set(name, type);
      return;
    }
    if ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Anonymous) walkObject(type, path ? `${path}.` : '', out);
  };

  const walkObject = (type: ts.Type, prefix: string, out: TsShape): void => {
    for (const property of checker.getPropertiesOfType(type)) {
      const propertyType = checker.getTypeOfSymbol(property);
      const nullable = propertyType.isUnion() && propertyType.types.some((t) => t.flags & ts.TypeFlags.Null);
      out.fields.push({ path: prefix + property.name, optional: !!(property.flags & ts.SymbolFlags.Optional), nullable });
      walkValue(propertyType, prefix + property.name, out);
    }
  };

  const shapeOf = (type: ts.Type): TsShape => {
    const out: TsShape = { fields: [], refs: new Set() };
    walkValue(type, '', out);
    return out;
  };
  const fieldsOf = (type: ts.Type): TsShape => {
    const out: TsShape = { fields: [], refs: new Set() };
    walkObject(type, '', out);
    return out;
  };

  // What each action answers: the `responses` phantom of each contract in `contracts`.
  const contractsSymbol = exportsOf('index.ts').find((s) => s.name === 'contracts');
  assert.ok(contractsSymbol, 'contract/index.ts exports no `contracts`');
  const actions = new Map<string, Map<string, TsShape>>();
  for (const fn of checker.getPropertiesOfType(checker.getTypeOfSymbol(contractsSymbol))) {
    const responses = checker.getPropertyOfType(checker.getTypeOfSymbol(fn), 'responses');
    assert.ok(responses, `contracts.${fn.name} has no responses type`);
    const byAction = new Map<string, TsShape>();
    for (const action of checker.getPropertiesOfType(checker.getNonNullableType(checker.getTypeOfSymbol(responses)))) byAction.set(action.name, shapeOf(checker.getTypeOfSymbol(action)));
    actions.set(fn.name, byAction);
  }
  const answerSymbol = exportsOf('payCallback.ts').find((s) => s.name === 'PayCallbackAnswer');
  assert.ok(answerSymbol, 'contract/payCallback.ts exports no PayCallbackAnswer');
  const payCallback = shapeOf(checker.getDeclaredTypeOfSymbol(answerSymbol));

  // The envelope: the fields of both arms of Result, and of CloudError.
  const errorsExports = exportsOf('errors.ts');
  const envelopeFields = new Set<string>();
  for (const name of ['Result', 'CloudError']) {
    const symbol = errorsExports.find((s) => s.name === name);
    assert.ok(symbol, `contract/errors.ts exports no ${name}`);
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    for (const part of type.isUnion() ? type.types : [type]) for (const property of checker.getPropertiesOfType(part)) envelopeFields.add(property.name);
  }

  // Every interface reachable from a response, with its own fields.
  const interfaces = new Map<string, TsShape>();
  const queue = [...named.keys()];
  while (queue.length) {
    const name = queue.shift()!;
    if (interfaces.has(name)) continue;
    const shape = fieldsOf(named.get(name)!);
    interfaces.set(name, shape);
    queue.push(...[...shape.refs].filter((ref) => !interfaces.has(ref)));
  }
  return { actions, payCallback, interfaces, envelopeFields };
}

/** Compares a Response block (its type names and its table) with the TypeScript shape, both ways. */
function checkResponse(where: string, lines: string[] | null, shape: TsShape, problems: string[]): void {
  if (!lines) {
    problems.push(`${where}: no **Response** block`);
    return;
  }
  const text = lines.join('\n');
  for (const ref of shape.refs) if (!new RegExp(`\`${ref}(\\[\\])*\``).test(text)) problems.push(`${where}: the response includes \`${ref}\`, the Response block does not name it`);
  const rows = fieldRows(lines);
  const byName = new Map(rows.map((row) => [row.name, row]));
  for (const field of shape.fields) {
    const row = byName.get(field.path);
    if (!row) problems.push(`${where}: response field \`${field.path}\` is missing from its table`);
    else {
      if (field.optional && !/optional|absent/i.test(row.text)) problems.push(`${where}: response field \`${field.path}\` is optional, its row does not say so`);
      if (field.nullable && !/\bnull\b/.test(row.text)) problems.push(`${where}: response field \`${field.path}\` may be null, its row does not say so`);
    }
  }
  const known = new Set(shape.fields.map((f) => f.path));
  for (const row of rows) if (!known.has(row.name)) problems.push(`${where}: response field \`${row.name}\` is documented but the response type has no such field`);
}

// ---------------------------------------------------------------------------------------------
// The functions' sources, timers and the emulator's routes

const ERROR_CODES = Object.keys(ERROR_MESSAGES);

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry) ? [path] : [];
  });
}

/** The error codes a function's own directory names as string literals (what it throws itself). */
function codesIn(functionName: string): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(join(ROOT, 'functions', functionName))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'([A-Z][A-Z_]+)'/g)) if (ERROR_CODES.includes(m[1])) found.add(m[1]);
  }
  return [...found].sort();
}

interface Timer {
  functionName: string;
  triggerName: string;
  cron: string;
}

/** The timer triggers as the platform (and the local cloud) reads them: cloudfunctions/<name>/config.json. */
function timers(): Timer[] {
  const dir = join(ROOT, 'cloudfunctions');
  return readdirSync(dir).flatMap((functionName) => {
    const file = join(dir, functionName, 'config.json');
    if (!existsSync(file)) return [];
    const config = JSON.parse(readFileSync(file, 'utf8')) as { triggers?: Array<{ name?: string; type?: string; config?: string }> };
    return (config.triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ functionName, triggerName: String(t.name), cron: String(t.config) }));
  });
}

/** The files whose request router decides what the local cloud serves. */
const ROUTER_FILES = ['emulator/gateway/server.ts', 'emulator/gateway/devGateway.ts'];

/**
 * The routes the emulator serves, parsed from its router source: every `path === '<path>'`
 * comparison and every `const x = path.match(/^…$/)` pattern used in an `if`, with the method its
 * condition names (`method === 'GET'`), or the one a preceding `if (method !== 'POST') throw` leaves.
 * A route whose method cannot be told, or a path comparison the parse does not place, is a problem,
 * so a router written in a new way fails here instead of going unchecked.
 */
function servedRoutes(): { routes: Set<string>; bodyFields: Set<string>; headers: Set<string>; problems: string[] } {
  const routes = new Set<string>();
  const bodyFields = new Set<string>();
  const headers = new Set<string>();
  const problems: string[] = [];
  for (const file of ROUTER_FILES) {
    const code = readFileSync(join(ROOT, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    // What the routes read from a request: `body.<field>`, `const { <field> } = body`, `req.headers['<name>']`.
    for (const m of code.matchAll(/\bbody\.(\w+)/g)) bodyFields.add(m[1]);
    for (const m of code.matchAll(/const \{([^}]*)\} = body\b/g)) for (const field of m[1].split(',')) bodyFields.add(field.split(':')[0].trim());
    for (const m of code.matchAll(/req\.headers\['([^']+)'\]/g)) headers.add(m[1]);
    const patterns = new Map<string, string>();
    for (const m of code.matchAll(/const (\w+) = path\.match\(\/\^(.+?)\$\/\)/g)) patterns.set(m[1], m[2].replace(/\\\//g, '/').replace(/\([^)]*\)/g, ':param'));
    const guard = /if \((?:req\.)?method !== '([A-Z]+)'\) throw/.exec(code);
    const placed = new Set<string>();
    for (const m of code.matchAll(/if \((.*?)\)\s*(?:\{|return\b|throw\b)/g)) {
      const condition = m[1];
      const paths = [...condition.matchAll(/\bpath === '([^']+)'/g)].map((p) => p[1]);
      for (const [name, pattern] of patterns) if (new RegExp(`(?<![.\\w])${name}\\b`).test(condition)) paths.push(pattern);
      if (!paths.length) continue;
      const method = /\bmethod === '([A-Z]+)'/.exec(condition)?.[1] ?? (guard && m.index! > guard.index ? guard[1] : undefined);
      for (const path of paths) {
        placed.add(path);
        if (method) routes.add(`${method} ${path}`);
        else problems.push(`${file}: cannot tell the method of the route ${path}`);
      }
    }
    for (const m of code.matchAll(/\bpath === '([^']+)'/g)) if (!placed.has(m[1])) problems.push(`${file}: the comparison path === '${m[1]}' is not in an if the parse understands`);
    for (const pattern of patterns.values()) if (!placed.has(pattern)) problems.push(`${file}: the route pattern ${pattern} is not used in an if the parse understands`);
  }
  return { routes, bodyFields, headers, problems };
}

/** `POST /__dev/pay/:outTradeNo` → `POST /__dev/pay/:param`, as the router parse names parameters. */
const normalRoute = (route: string) => route.replace(/:\w+/g, ':param');

// ---------------------------------------------------------------------------------------------

const FUNCTION_NAMES = Object.keys(contracts) as Array<keyof typeof contracts>;

function functionSections(doc: Doc): Map<string, Heading> {
  const sections = new Map<string, Heading>();
  for (const h of doc.headings) {
    const m = h.level === 2 ? /^Function `(\w+)`/.exec(h.text) : null;
    if (m) sections.set(m[1], h);
  }
  return sections;
}

function actionHeadings(doc: Doc, fn: string): Map<string, Heading> {
  const section = functionSections(doc).get(fn);
  return section ? new Map(childrenOf(doc, section).map((h) => [h.text.trim(), h])) : new Map();
}

/** Each action's section (when it has one: a missing heading is the action check's problem). */
function eachAction(doc: Doc, visit: (fn: string, action: string, lines: string[]) => void): void {
  for (const fn of FUNCTION_NAMES) {
    const headings = actionHeadings(doc, fn);
    for (const { action } of actionsOf(contracts[fn].request)) {
      const heading = headings.get(`${fn}.${action}`);
      if (heading) visit(fn, action, bodyOf(doc, heading));
    }
  }
}

/** The `### \`<name>\`` sections of a `## …` section, by name. */
function namedChildren(doc: Doc, title: RegExp, problems: string[]): Map<string, Heading> {
  const section = topSection(doc, title, problems);
  return new Map(section ? childrenOf(doc, section).map((h) => [backticked(h.text) ?? h.text, h]) : []);
}

/** Every check: what it is about, and the problems it finds in a document (none when the document is right). */
const CHECKS: Array<{ name: string; problems: (doc: Doc) => string[] }> = [
  {
    name: 'envelope: the "## Envelope" section shows every field of Result and CloudError (contract/errors.ts) as a JSON key',
    problems(doc) {
      const problems: string[] = [];
      const section = topSection(doc, /^Envelope/, problems);
      const text = section ? bodyOf(doc, section).join('\n') : '';
      for (const field of responseTypes().envelopeFields) if (!text.includes(`"${field}"`)) problems.push(`the envelope's field ${field} is not shown as "${field}" in "## Envelope"`);
      return problems;
    },
  },
  {
    name: 'contracts: every function the app may call has a "## Function `<name>`" section, and every such section is a function in contract/index.ts',
    problems(doc) {
      const documented = [...functionSections(doc).keys()];
      return [
        ...FUNCTION_NAMES.filter((fn) => !documented.includes(fn)).map((fn) => `${fn}: no "## Function \`${fn}\`" section`),
        ...documented.filter((fn) => !(fn in contracts)).map((fn) => `"## Function \`${fn}\`" is not a function of contract/index.ts`),
      ];
    },
  },
  {
    name: 'contracts: every action of every function has a "### <function>.<action>" heading in its section, and every such heading is a real action',
    problems(doc) {
      const problems: string[] = [];
      const sections = functionSections(doc);
      for (const fn of FUNCTION_NAMES) {
        const actions = actionsOf(contracts[fn].request).map((a) => a.action);
        const headings = actionHeadings(doc, fn);
        for (const action of actions) if (!headings.has(`${fn}.${action}`)) problems.push(`${fn}.${action}: no "### ${fn}.${action}" heading in "## Function \`${fn}\`"`);
        for (const text of headings.keys()) {
          const m = /^(\w+)\.(\w+)$/.exec(text);
          if (!m || m[1] !== fn || !actions.includes(m[2])) problems.push(`"### ${text}" in "## Function \`${fn}\`" is not an action of ${fn}`);
        }
      }
      // An action heading anywhere else (a section left behind, a function renamed) is stale too.
      for (const h of doc.headings) {
        const m = /^(\w+)\.(\w+)$/.exec(h.text.trim());
        const section = m ? sections.get(m[1]) : undefined;
        if (m && (!section || h.start < section.start || h.start >= section.end)) problems.push(`"${'#'.repeat(h.level)} ${h.text}" (line ${h.start + 1}) is not inside "## Function \`${m[1]}\`"`);
      }
      return problems;
    },
  },
  {
    name: 'contracts: every request field of every action is in its Request table as the zod schema has it (required or optional, null, integer, bounds, options), and nothing else is',
    problems(doc) {
      const problems: string[] = [];
      eachAction(doc, (fn, action, lines) => {
        const request = block(lines, 'Request');
        const schema = actionsOf(contracts[fn as keyof typeof contracts].request).find((a) => a.action === action)!.schema;
        if (!request) problems.push(`${fn}.${action}: no **Request** table`);
        else checkFieldTable(`${fn}.${action} request`, request, objectFields(schema, ''), problems);
      });
      return problems;
    },
  },
  {
    name: 'contracts: every action has an **Errors** line naming only real error codes, and every code a function throws in its own source is named in its section',
    problems(doc) {
      const problems: string[] = [];
      eachAction(doc, (fn, action, lines) => {
        const codes = [...(block(lines, 'Errors') ?? []).join(' ').matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]);
        if (!codes.length) problems.push(`${fn}.${action}: no **Errors** line naming its error codes`);
        for (const code of codes) if (!ERROR_CODES.includes(code)) problems.push(`${fn}.${action}: \`${code}\` is not an error code of contract/errors.ts`);
      });
      for (const [fn, section] of functionSections(doc)) {
        const text = bodyOf(doc, section).join('\n');
        for (const code of codesIn(fn)) if (!text.includes(`\`${code}\``)) problems.push(`${fn}: functions/${fn}/ throws ${code}, "## Function \`${fn}\`" never names it`);
      }
      return problems;
    },
  },
  {
    name: "responses: every action's Response block names the interfaces its TypeScript response uses and lists its other fields, and nothing else",
    problems(doc) {
      const { actions } = responseTypes();
      const problems: string[] = [];
      eachAction(doc, (fn, action, lines) => {
        const shape = actions.get(fn)?.get(action);
        if (!shape) problems.push(`${fn}.${action}: no response type in contract/${fn}.ts`);
        else checkResponse(`${fn}.${action}`, block(lines, 'Response'), shape, problems);
      });
      return problems;
    },
  },
  {
    name: 'response types: every interface a response reaches has a "### `<Interface>`" section listing exactly its fields, and every such section is one',
    problems(doc) {
      const { interfaces } = responseTypes();
      const problems: string[] = [];
      const documented = namedChildren(doc, /^Response types/, problems);
      for (const [name, shape] of interfaces) {
        const heading = documented.get(name);
        if (!heading) problems.push(`${name}: no "### \`${name}\`" section in "## Response types"`);
        else checkResponse(name, bodyOf(doc, heading), shape, problems);
      }
      for (const name of documented.keys()) if (!interfaces.has(name)) problems.push(`"### ${name}" in "## Response types" is not an interface any response uses`);
      return problems;
    },
  },
  {
    name: 'errors: every code of ERROR_MESSAGES has a row with its exact default message, and every row is a code',
    problems(doc) {
      const problems: string[] = [];
      const section = topSection(doc, /^Error codes/, problems);
      const rows = section ? fieldRows(bodyOf(doc, section)) : [];
      for (const [code, message] of Object.entries(ERROR_MESSAGES)) {
        const row = rows.find((r) => r.name === code);
        if (!row) problems.push(`${code}: no row in "## Error codes"`);
        else if (!row.cells.slice(1).includes(message)) problems.push(`${code}: its row does not give the default message "${message}" as a cell of its own`);
      }
      for (const row of rows) if (!ERROR_CODES.includes(row.name)) problems.push(`\`${row.name}\` in "## Error codes" is not in ERROR_MESSAGES`);
      return problems;
    },
  },
  {
    name: 'admin.upsert: every entity of entitySchemas has a "### `<entity>`" section whose table matches its schema field by field, and every such section is an entity',
    problems(doc) {
      const problems: string[] = [];
      const documented = namedChildren(doc, /^Admin entities/, problems);
      for (const [entity, schema] of Object.entries(entitySchemas)) {
        const heading = documented.get(entity);
        if (!heading) problems.push(`${entity}: no "### \`${entity}\`" section in "## Admin entities"`);
        else checkFieldTable(`admin entity ${entity}`, bodyOf(doc, heading), objectFields(asSchema(schema), ''), problems);
      }
      for (const name of documented.keys()) if (!(name in entitySchemas)) problems.push(`"### ${name}" in "## Admin entities" is not an entity of contract/admin.ts`);
      return problems;
    },
  },
  {
    name: 'payCallback: the notification fields are in its Request table and its answer in its Response block',
    problems(doc) {
      const problems: string[] = [];
      const section = topSection(doc, /^Payment callback `payCallback`/, problems);
      if (!section) return problems;
      const lines = bodyOf(doc, section);
      const request = block(lines, 'Request');
      if (!request) problems.push('payCallback: no **Request** table');
      else checkFieldTable('payCallback request', request, objectFields(asSchema(payNotification), ''), problems);
      checkResponse('payCallback', block(lines, 'Response'), responseTypes().payCallback, problems);
      return problems;
    },
  },
  {
    name: 'timers: every timer trigger of cloudfunctions/*/config.json has a "### `<function>`" section with its trigger name and its cron as written, and every such section is a timer',
    problems(doc) {
      const all = timers();
      const problems: string[] = all.length ? [] : ['no timer trigger found in cloudfunctions/*/config.json'];
      const documented = namedChildren(doc, /^Timers/, problems);
      for (const timer of all) {
        const heading = documented.get(timer.functionName);
        if (!heading) {
          problems.push(`${timer.functionName}: no "### \`${timer.functionName}\`" section in "## Timers"`);
          continue;
        }
        const text = bodyOf(doc, heading).join('\n');
        if (!text.includes(`\`${timer.cron}\``)) problems.push(`${timer.functionName}: its cron \`${timer.cron}\` (config.json) is not in its section`);
        if (!text.includes(`\`${timer.triggerName}\``)) problems.push(`${timer.functionName}: its trigger name \`${timer.triggerName}\` is not in its section`);
      }
      for (const name of documented.keys()) if (!all.some((t) => t.functionName === name)) problems.push(`"### ${name}" in "## Timers" has no timer trigger in cloudfunctions/${name}/config.json`);
      return problems;
    },
  },
  {
    name: "dev gateway: every route the local cloud's router serves has a \"### `<METHOD> <path>`\" heading, and every such heading is served",
    problems(doc) {
      const { routes, bodyFields, headers, problems } = servedRoutes();
      if (!routes.size) problems.push(`no route parsed from ${ROUTER_FILES.join(', ')}`);
      const section = topSection(doc, /^Local cloud dev gateway/, problems);
      const documented = new Map<string, string>();
      for (const h of section ? childrenOf(doc, section) : []) {
        const route = backticked(h.text);
        if (route && /^[A-Z]+ \//.test(route)) documented.set(normalRoute(route), route);
        else problems.push(`"### ${h.text}" in "## Local cloud dev gateway" is not \`<METHOD> <path>\``);
      }
      for (const route of routes) if (!documented.has(route)) problems.push(`${route}: served by the local cloud, no "### \`${route}\`" heading (path parameters as :name)`);
      for (const [route, text] of documented) if (!routes.has(route)) problems.push(`"### \`${text}\`" is documented but the local cloud does not serve it`);
      // The request bodies' fields (the "body field" tables) and headers, as the router reads them.
      const lines = section ? bodyOf(doc, section) : [];
      const rows = fieldRows(lines).map((row) => row.name);
      for (const field of bodyFields) if (!rows.includes(field)) problems.push(`the local cloud reads body.${field}, no \`${field}\` row in a body table of "## Local cloud dev gateway"`);
      for (const row of rows) if (!bodyFields.has(row)) problems.push(`\`${row}\` is documented as a body field but no route reads it`);
      for (const header of headers) if (!lines.join('\n').includes(`\`${header}\``)) problems.push(`the local cloud reads the header ${header}, "## Local cloud dev gateway" never names it`);
      return problems;
    },
  },
];

describe('docs/api.md', () => {
  const doc = existsSync(DOC_FILE) ? parseDoc(readFileSync(DOC_FILE, 'utf8')) : null;

  test('docs/api.md: exists', () => {
    assert.ok(doc, 'docs/api.md does not exist');
  });

  for (const check of CHECKS) {
    test(check.name, () => {
      assert.deepEqual(doc ? check.problems(doc) : ['docs/api.md does not exist'], []);
    });
  }
});
