// `node import-worker.js`: the time to require cdk8s-hostprocess (the compiled lib/index.js) in a
// process that has already required cdk8s-plus-27, as a user's app does; one JSON line out.
export {};

const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('cdk8s-plus-27');
const t1 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('cdk8s-hostprocess');
const t2 = performance.now();
process.stdout.write(JSON.stringify({ kplusMs: t1 - t0, hostprocessMs: t2 - t1 }) + '\n');
