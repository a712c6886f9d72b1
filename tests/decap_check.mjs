// Validate a Decap CMS configuration (JSON on stdin) with Decap's own validateConfig:
// decap-cms-core's src/constants/configSchema.js, run as it is but for its three imports of
// Decap's internals, which are read from Decap's own sources too (the i18n enums, the file
// formats, and the schemas of the widgets the bundle registers). Usage:
//   node tests/decap_check.mjs <kit folder: .cache/npm/decap> < config.json
// Exit 0 when valid; 1 with Decap's error messages on stderr.
import { readFileSync, writeFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const kit = process.argv[2];
const modules = join(kit, 'node_modules');
const core = join(modules, 'decap-cms-core', 'src');
const read = path => readFileSync(join(core, path), 'utf8');

function tsEnum(source, name) {
  const body = source.match(new RegExp(`export enum ${name} \\{([^}]*)\\}`))[1];
  return Object.fromEntries([...body.matchAll(/(\w+)\s*=\s*'([^']*)'/g)].map(m => [m[1], m[2]]));
}

function constObject(source, name) {
  const body = source.match(new RegExp(`export const ${name}[^=]*= (\\{[^}]*\\}|\\[[^\\]]*\\])`))[1];
  return body;
}

const i18n = read('lib/i18n.ts');
const formats = read('formats/formats.ts');
const widgets = readdirSync(modules)
  .filter(name => name.startsWith('decap-cms-widget-'))
  .filter(name => existsSync(join(modules, name, 'src', 'schema.js')))
  .map(name => {
    const text = readFileSync(join(modules, name, 'src', 'schema.js'), 'utf8');
    return `{ name: ${JSON.stringify(name.slice('decap-cms-widget-'.length))}, schema: (() => {
      ${text.replace('export default', 'return')} })() }`;
  });
const extensions = constObject(formats, 'extensionFormatters').replace(/:\s*\w+/g, ': true');

let schema = read('constants/configSchema.js');
const replacements = {
  "import { frontmatterFormats, extensionFormatters } from '../formats/formats';":
    `const frontmatterFormats = ${constObject(formats, 'frontmatterFormats')};\n` +
    `const extensionFormatters = ${extensions};`,
  "import { getWidgets } from '../lib/registry';":
    `const getWidgets = () => [${widgets.join(',\n')}];`,
  "import { I18N_STRUCTURE, I18N_FIELD } from '../lib/i18n';":
    `const I18N_STRUCTURE = ${JSON.stringify(tsEnum(i18n, 'I18N_STRUCTURE'))};\n` +
    `const I18N_FIELD = ${JSON.stringify(tsEnum(i18n, 'I18N_FIELD'))};`,
};
for (const [old, replacement] of Object.entries(replacements)) {
  if (!schema.includes(old)) {
    console.error(`decap_check: configSchema.js no longer has: ${old}`);
    process.exit(2);
  }
  schema = schema.replace(old, replacement);
}
// ajv-keywords is CommonJS: node's ESM takes its keywords from the default export.
const keywords = /import \{([^}]*)\} from 'ajv-keywords\/dist\/keywords';/;
if (!keywords.test(schema)) {
  console.error('decap_check: configSchema.js no longer imports ajv-keywords as expected');
  process.exit(2);
}
schema = schema.replace(keywords, (_, names) =>
  "import ajvKeywords from 'ajv-keywords/dist/keywords/index.js';\n" +
  `const {${names.replace(/ as /g, ': ')}} = ajvKeywords;`);
const module = join(kit, `configSchema-${process.pid}.mjs`);
writeFileSync(module, schema);
let validateConfig;
try {
  ({ validateConfig } = await import(pathToFileURL(module).href));
} finally {
  rmSync(module);
}
const config = JSON.parse(readFileSync(0, 'utf8'));
console.error = () => {}; // validateConfig logs the raw errors too; the message says it all
try {
  validateConfig(config);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
