// schema.cjs SCHEMA FILE...: validate each FILE against the JSON schema
// SCHEMA (the SARIF 2.1.0 schema, JSON Schema 2020-12) with ajv, printing
// every violation; exit 1 if any file is invalid. ajv and ajv-formats are
// found through NODE_PATH (validate.sh installs them outside the
// repository).
'use strict';
const fs = require('node:fs');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
let invalid = 0;
for (const file of files) {
  if (validate(JSON.parse(fs.readFileSync(file, 'utf8')))) {
    console.log(`${file}: schema: valid`);
    continue;
  }
  invalid++;
  console.log(`${file}: schema: INVALID`);
  for (const e of validate.errors) {
    console.log(`  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
process.exit(invalid ? 1 : 0);
