// Lints Camunda Forms (*.form) the way Camunda Modeler does, for Camunda Platform 7.24.
//
//   node lint-forms.mjs FILE.form...      (run from .ci/, by .ci/lint)
//
// 1. Checks of our own that Modeler does not report but that decide whether the form works at all:
//    valid JSON, schemaVersion, pinned to "Camunda Platform" 7.24, every component has a unique id,
//    every input field has a key, no key bound twice.
// 2. The rules of @camunda/form-linting, the linter Camunda Modeler runs on forms ("Problems" panel).
//    Its release table stops at Camunda Platform 7.22 (for 7.23 and 7.24 it returns no reports at all),
//    so when it knows no form-js version for the form's platform we lint against FORM_JS_FALLBACK,
//    the form-js that Tasklist 7.23/7.24 ships (1.8.7; the 7.24.0 webjar renders schemaVersion 16).
//
// Exit code: 1 when any form has an error; warnings and infos are printed and do not fail (as bpmnlint).

import { readFile } from 'node:fs/promises';
import { register } from 'node:module';
import path from 'node:path';

const PLATFORM = 'Camunda Platform';
const PLATFORM_MINOR = '7.24';
const FORM_JS_FALLBACK = { 'Camunda Platform': { '7.23': '1.8.7', '7.24': '1.8.7' } };

// fields that hold a value and therefore need a key (form-js 1.8)
const INPUT_TYPES = new Set([
  'textfield', 'textarea', 'number', 'datetime', 'checkbox', 'checklist', 'radio', 'select', 'taglist', 'filepicker'
]);

// @camunda/form-linting ships ES module sources with extension-less imports ('./lib/FormLinter') for bundlers
// (Modeler uses webpack). Node needs the '.js': this hook adds it, for that package only.
register('data:text/javascript,' + encodeURIComponent(`
  export async function resolve(specifier, context, next) {
    const fromPackage = context.parentURL && context.parentURL.includes('/node_modules/@camunda/form-linting/');
    if (fromPackage && specifier.startsWith('.') && !specifier.endsWith('.js')) {
      const resolved = await next(specifier + '.js', context);
      return { ...resolved, format: 'module' };
    }
    const resolved = await next(specifier, context);
    return resolved.url.includes('/node_modules/@camunda/form-linting/') ? { ...resolved, format: 'module' } : resolved;
  }
`));

const lib = '@camunda/form-linting/lib';
const { getFormJSVersion } = await import(`${lib}/config/formVersion.js`);
const { getRuleConfig } = await import(`${lib}/config/ruleConfig.js`);
const { getExecutionPlatformLabel, toSemverMinor } = await import(`${lib}/config/util.js`);
const { defaultRuleRegistry } = await import(`${lib}/rules/ruleRegistry.js`);
const { executeRecursively } = await import(`${lib}/util.js`);
const { default: ProblemsReporter } = await import(`${lib}/ProblemsReporter.js`);

const CATEGORY = { error: 'error', warn: 'warning', info: 'info' };

/** our own checks; returns reports { id, label, category, message, rule } */
function structuralChecks(schema) {
  const reports = [];
  const report = (node, message, rule, category = 'error') =>
    reports.push({ id: node?.id, label: node?.label, category, message, rule });

  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    report(null, 'The form is not a JSON object', 'form-json');
    return reports;
  }
  if (!Number.isInteger(schema.schemaVersion)) {
    report(schema, 'schemaVersion is missing or not a number', 'form-schema-version');
  }
  const { executionPlatform, executionPlatformVersion } = schema;
  if (executionPlatform !== PLATFORM || typeof executionPlatformVersion !== 'string'
      || toSemverMinor(executionPlatformVersion) !== PLATFORM_MINOR) {
    report(schema, `The form must be pinned to executionPlatform "${PLATFORM}", executionPlatformVersion "${PLATFORM_MINOR}.0"`
      + ` (found ${JSON.stringify(executionPlatform)}, ${JSON.stringify(executionPlatformVersion)});`
      + ' set it in Modeler under the execution platform in the status bar', 'form-execution-platform');
  }
  if (!Array.isArray(schema.components)) {
    report(schema, 'components is missing or not a list', 'form-components');
    return reports;
  }

  const ids = new Map();
  const keys = new Map();
  const visit = (node, isRoot) => {
    if (node === null || typeof node !== 'object') {
      report(null, `A component is not a JSON object: ${JSON.stringify(node)}`, 'form-components');
      return;
    }
    if (typeof node.id !== 'string' || node.id.trim() === '') {
      report(node, `${isRoot ? 'The form' : `A <${node.type}> component${node.key ? ` (key "${node.key}")` : ''}`} has no id`, 'form-id-required');
    } else if (ids.has(node.id)) {
      report(node, `Id "${node.id}" is used more than once`, 'form-unique-id');
    } else {
      ids.set(node.id, node);
    }
    if (!isRoot && INPUT_TYPES.has(node.type)) {
      if (typeof node.key !== 'string' || node.key.trim() === '') {
        report(node, `The <${node.type}> field has no key, so its value is not submitted`, 'form-key-required');
      } else if (keys.has(node.key)) {
        report(node, `Key "${node.key}" is bound by more than one field (also ${keys.get(node.key).id})`, 'form-unique-key');
      } else {
        keys.set(node.key, node);
      }
    }
    if (node.components !== undefined && !Array.isArray(node.components)) {
      report(node, 'components is not a list', 'form-components');
    }
    for (const child of Array.isArray(node.components) ? node.components : []) {
      visit(child, false);
    }
  };
  visit(schema, true);
  return reports;
}

/** the rules of @camunda/form-linting, as its FormLinter.lint runs them, but with the rule name kept */
function modelerRules(schema) {
  const pinned = schema.executionPlatform && typeof schema.executionPlatformVersion === 'string';
  const formJSVersion = pinned && (getFormJSVersion(schema)
      || FORM_JS_FALLBACK[schema.executionPlatform]?.[toSemverMinor(schema.executionPlatformVersion)]);
  if (!formJSVersion) {
    return { formJSVersion: null, reports: [] };
  }
  const executionPlatformLabel = getExecutionPlatformLabel(schema);
  const reports = [];
  for (const [ rule, severity ] of Object.entries(getRuleConfig(formJSVersion))) {
    const reporter = new ProblemsReporter();
    executeRecursively(defaultRuleRegistry[rule], schema, { executionPlatformLabel, formJSVersion, reporter, category: severity });
    for (const r of reporter.getReports()) {
      reports.push({ id: r.id, label: r.label, category: CATEGORY[r.category] || r.category, message: r.message, rule });
    }
  }
  return { formJSVersion, reports };
}

async function lintFile(file) {
  let schema;
  try {
    schema = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return { reports: [ { category: 'error', message: `Not valid JSON: ${e.message}`, rule: 'form-json' } ] };
  }
  const reports = structuralChecks(schema);
  if (reports.some(r => r.rule === 'form-json' || r.rule === 'form-components')) {
    return { reports };
  }
  const modeler = modelerRules(schema);
  return { formJSVersion: modeler.formJSVersion, reports: [ ...reports, ...modeler.reports ] };
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node lint-forms.mjs FILE.form...');
  process.exit(2);
}

const count = { error: 0, warning: 0, info: 0 };
for (const file of files) {
  const { formJSVersion, reports } = await lintFile(file);
  const shown = path.resolve(file);
  if (reports.length) {
    console.log(`\n${shown}${formJSVersion ? `  (rules for form-js ${formJSVersion})` : ''}`);
    // one line per finding; the same finding on several components is one line listing their ids
    const groups = new Map();
    for (const r of reports) {
      const key = `${r.category}\u0000${r.rule}\u0000${r.message}`;
      groups.set(key, [ ...(groups.get(key) || []), r ]);
      count[r.category] = (count[r.category] || 0) + 1;
    }
    for (const group of groups.values()) {
      const { category, message, rule } = group[0];
      const ids = group.map(r => r.id).filter(Boolean);
      console.log(`  ${category.padEnd(7)}  ${rule}: ${message}${ids.length ? `  [${ids.length > 1 ? `${ids.length}x: ` : ''}${ids.join(', ')}]` : ''}`);
    }
  }
}

const problems = count.error + count.warning + count.info;
if (problems) {
  console.log(`\n✖ ${problems} problem(s) (${count.error} error(s), ${count.warning} warning(s), ${count.info} info(s))`);
}
process.exit(count.error ? 1 : 0);
