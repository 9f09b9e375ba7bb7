// Jest setup: every manifest a test synthesizes with `Testing.synth` is also checked strictly
// against the Kubernetes OpenAPI schema, so no test can pass on a manifest a real API server
// would refuse to decode; and it is spooled for the real API server suites (test/util/spool.ts).
import { Testing } from 'cdk8s';
import { spoolManifests } from './spool';
import { expectStrictlyValid } from './strict-schema';

const synth = Testing.synth.bind(Testing);
Testing.synth = (chart) => {
  const manifests = synth(chart);
  expectStrictlyValid(manifests);
  spoolManifests(manifests);
  return manifests;
};
