// The bench's comparison with other tools (bench/peer-tools.ts): the schemas kubeconform gets and
// the reading of each tool's output. `npm run bench` runs the tools themselves.
import {
  parseGnuTimeMaxRss, parseKubeconformSummary, parseKubeLinterJson, parseLintSummary, schemaFileName,
  standaloneStrictSchema, standaloneStrictSchemas,
} from '../../bench/peer-tools';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const swagger = {
  swagger: '2.0',
  definitions: {
    'io.k8s.api.apps.v1.Widget': {
      'type': 'object',
      'required': ['spec'],
      'properties': {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { $ref: `#/definitions/${META}`, description: 'replaced with the definition' },
        spec: { $ref: '#/definitions/io.k8s.api.apps.v1.WidgetSpec' },
      },
      'x-kubernetes-group-version-kind': [{ group: 'apps', version: 'v1', kind: 'Widget' }],
    },
    'io.k8s.api.apps.v1.WidgetSpec': {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string' },
        port: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
        size: { $ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity' },
        tags: { type: 'array', items: { type: 'string' } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    [META]: { properties: { name: { type: 'string' } } },
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
    'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
    'io.k8s.api.core.v1.Pod': {
      'type': 'object',
      'properties': { kind: { type: 'string' } },
      'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Pod' }],
    },
    'io.k8s.api.core.v1.Loop': {
      'type': 'object',
      'properties': { next: { $ref: '#/definitions/io.k8s.api.core.v1.Loop' } },
      'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Loop' }],
    },
  },
};

describe('the schemas the bench gives kubeconform', () => {
  test('file names are those kubeconform looks for with {{ .ResourceKind }}{{ .KindSuffix }}.json', () => {
    expect(schemaFileName({ kind: 'DaemonSet', apiVersion: 'apps/v1' })).toBe('daemonset-apps-v1.json');
    expect(schemaFileName({ kind: 'Pod', apiVersion: 'v1' })).toBe('pod-v1.json');
    // Only the first part of a dotted group, as kubeconform's schemaPath.
    expect(schemaFileName({ kind: 'Ingress', apiVersion: 'networking.k8s.io/v1' })).toBe('ingress-networking-v1.json');
  });

  test('a kind\'s schema stands alone and is strict, as kubernetes-json-schema\'s -standalone-strict files', () => {
    expect(standaloneStrictSchema(swagger, { kind: 'Widget', apiVersion: 'apps/v1' })).toEqual({
      'type': 'object',
      'required': ['spec'],
      'x-kubernetes-group-version-kind': [{ group: 'apps', version: 'v1', kind: 'Widget' }],
      'additionalProperties': false,
      'properties': {
        apiVersion: { type: ['string', 'null'], enum: ['apps/v1'] },
        kind: { type: ['string', 'null'], enum: ['Widget'] },
        // The $ref's own description is gone: the reference is the definition.
        metadata: { properties: { name: { type: ['string', 'null'] } }, additionalProperties: false },
        spec: {
          type: ['object', 'null'],
          required: ['name'],
          additionalProperties: false,
          properties: {
            // Required: no null.
            name: { type: 'string' },
            port: { oneOf: [{ type: ['string', 'null'] }, { type: ['integer', 'null'] }] },
            size: { oneOf: [{ type: ['string', 'null'] }, { type: ['number', 'null'] }] },
            tags: { type: ['array', 'null'], items: { type: ['string', 'null'] } },
            // A map keeps its values' schema: only objects with properties are closed.
            labels: { type: ['object', 'null'], additionalProperties: { type: ['string', 'null'] } },
          },
        },
      },
    });
  });

  test('the input document is left as it was, and each kind gets its file', () => {
    const before = JSON.stringify(swagger);
    const files = standaloneStrictSchemas(swagger, [{ kind: 'Widget', apiVersion: 'apps/v1' }, { kind: 'Pod', apiVersion: 'v1' }]);
    expect(Object.keys(files)).toEqual(['widget-apps-v1.json', 'pod-v1.json']);
    expect(files['pod-v1.json'].properties.kind).toEqual({ type: ['string', 'null'], enum: ['Pod'] });
    expect(JSON.stringify(swagger)).toBe(before);
  });

  test('a kind the document lacks, or one that refers to itself, is an error naming it', () => {
    expect(() => standaloneStrictSchema(swagger, { kind: 'Widget', apiVersion: 'apps/v2' }))
      .toThrow('the OpenAPI document has no definition for apps/v2 Widget (no x-kubernetes-group-version-kind names it)');
    expect(() => standaloneStrictSchema(swagger, { kind: 'Loop', apiVersion: 'v1' }))
      .toThrow('the definition io.k8s.api.core.v1.Loop refers to itself (io.k8s.api.core.v1.Loop > io.k8s.api.core.v1.Loop): it cannot be inlined');
  });
});

describe('what the bench reads from each tool', () => {
  test('kubeconform -summary, for a file and for standard input', () => {
    const out = 'a.yaml - DaemonSet a is invalid: problem validating schema.\n'
      + 'Summary: 2 resources found in 1 file - Valid: 1, Invalid: 1, Errors: 0, Skipped: 0\n';
    expect(parseKubeconformSummary(out)).toEqual({ resources: 2, valid: 1, invalid: 1, errors: 0, skipped: 0 });
    expect(parseKubeconformSummary('Summary: 1 resource found parsing stdin - Valid: 0, Invalid: 0, Errors: 1, Skipped: 0'))
      .toEqual({ resources: 1, valid: 0, invalid: 0, errors: 1, skipped: 0 });
    expect(parseKubeconformSummary('a.yaml - DaemonSet a is valid\n')).toBeUndefined();
  });

  test('kube-linter --format json: reports and the objects they name', () => {
    const object = (name: string) => ({
      Metadata: { FilePath: 'stream.yaml' },
      K8sObject: { Namespace: 'kube-system', Name: name, GroupVersionKind: { Group: 'apps', Version: 'v1', Kind: 'DaemonSet' } },
    });
    const report = (name: string, check: string) => ({ Diagnostic: { Message: 'm' }, Check: check, Remediation: 'r', Object: object(name) });
    const out = JSON.stringify({
      Checks: [],
      Reports: [report('a', 'no-read-only-root-fs'), report('a', 'run-as-non-root'), report('b', 'run-as-non-root')],
      Summary: { ChecksStatus: 'Failed', KubeLinterVersion: 'v0.7.2' },
    });
    expect(parseKubeLinterJson(out)).toEqual({ reports: 3, objects: 2, version: 'v0.7.2' });
    expect(parseKubeLinterJson(JSON.stringify({ Checks: [], Reports: null, Summary: {} }))).toEqual({ reports: 0, objects: 0, version: undefined });
    expect(() => parseKubeLinterJson('Warning: no valid objects found.')).toThrow(/^kube-linter --format json printed no JSON document \(.*\): Warning: no valid objects found\.$/);
    expect(() => parseKubeLinterJson('{"Checks": []}')).toThrow('kube-linter\'s JSON output has no Reports list: {"Checks": []}');
  });

  test('the lint\'s --summary line', () => {
    expect(parseLintSummary('x.yaml:3:5: error: ...\ncdk8s-hostprocess lint: 1 file read, 2000 objects (1999 checked): 259 errors, 40 warnings, 0 suppressed\n'))
      .toEqual({ objects: 2000, checked: 1999 });
    expect(parseLintSummary('x.yaml:3:5: error: ...\n')).toBeUndefined();
  });

  test('GNU time -f %M: the last line, in kilobytes', () => {
    expect(parseGnuTimeMaxRss('72276\n')).toBe(72276 * 1024);
    expect(parseGnuTimeMaxRss('Command exited with non-zero status 1\n72276\n')).toBe(72276 * 1024);
    expect(() => parseGnuTimeMaxRss('Command terminated by signal 9\n')).toThrow('GNU time printed no maximum resident set size (-f %M): "Command terminated by signal 9\\n"');
  });
});
