import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The official STIX 2.1 JSON schemas (oasis-open/cti-stix2-json-schemas), kept beside the repository. */
export const SCHEMA_DIR = path.resolve(ROOT, '../shared/stix2-json-schemas');
export const HAVE_SCHEMAS = existsSync(path.join(SCHEMA_DIR, 'schemas', 'common', 'core.json'));
export const SKIP_REASON = `the STIX 2.1 JSON schemas are not at ${path.relative(ROOT, SCHEMA_DIR)}; schema tests skipped`;

export interface StixValidator {
  /** Errors of one object against the schema of its type (custom observables: the observable core). */
  errorsOf(object: { type: string }): string[];
  errorsOfBundle(bundle: unknown): string[];
}

function format(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

export function loadStixValidator(): StixValidator {
  // One schema pattern uses a character class the unicode flag refuses.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  // ajv-formats has no idn-hostname; domain names are checked by fraudx's own parser instead.
  ajv.addFormat('idn-hostname', true);
  const byTitle = new Map<string, string>();
  for (const dir of ['common', 'sdos', 'sros', 'observables']) {
    for (const file of readdirSync(path.join(SCHEMA_DIR, 'schemas', dir))) {
      const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'schemas', dir, file), 'utf8')) as { $id: string };
      ajv.addSchema(schema);
      byTitle.set(`${dir}/${file.replace(/\.json$/, '')}`, schema.$id);
    }
  }
  const schemaFor = (type: string): string => {
    for (const dir of ['sdos', 'sros', 'observables']) {
      const id = byTitle.get(`${dir}/${type}`);
      if (id) return id;
    }
    if (type === 'marking-definition' || type === 'extension-definition' || type === 'language-content') return byTitle.get(`common/${type}`)!;
    // Custom observables have no schema of their own: the observable core is what applies.
    return byTitle.get('common/cyber-observable-core')!;
  };
  return {
    errorsOf(object) {
      const validate = ajv.getSchema(schemaFor(object.type))!;
      return validate(object) ? [] : format(validate);
    },
    errorsOfBundle(bundle) {
      const validate = ajv.getSchema(byTitle.get('common/bundle')!)!;
      return validate(bundle) ? [] : format(validate);
    },
  };
}
