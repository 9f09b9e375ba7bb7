// A real Kubernetes API server for the tests: etcd and kube-apiserver on loopback, on free ports,
// with a generated serving certificate, service-account key and bearer token, and the admission
// plugins a real cluster has on (PodSecurity, ValidatingAdmissionPolicy and the defaults).
import { ChildProcess, spawn } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { KubeBinaries } from './build';
import { KubeVersion } from './versions';

/** How to reach a running server; JSON-serializable, so that jest's workers get it from the setup. */
export interface KubeEndpoint {
  readonly version: string;
  readonly url: string;
  readonly token: string;
  /** PEM of the serving certificate (self-signed by kube-apiserver for 127.0.0.1). */
  readonly ca: string;
  readonly kubeconfig: string;
  /** The folder holding its data, certificates and logs. */
  readonly dir: string;
  readonly pids: readonly number[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(binary: string, args: string[], log: string, detached: boolean): ChildProcess {
  const out = fs.openSync(log, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', out, out], detached });
  fs.closeSync(out);
  // The tests stop their servers in the global teardown; nothing waits on them to exit.
  child.unref();
  return child;
}

function tail(file: string): string {
  if (!fs.existsSync(file)) return '(no log)';
  return fs.readFileSync(file, 'utf-8').split('\n').slice(-25).join('\n');
}

/**
 * Starts etcd and kube-apiserver of one version in `dir` and waits until the server is ready.
 * With `detached`, the processes outlive this one (`npm run kube:up`); stop them with `stopServer`.
 */
export async function startServer(version: KubeVersion, binaries: KubeBinaries, dir: string, detached = false): Promise<KubeEndpoint> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const [etcdPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const etcdUrl = `http://127.0.0.1:${etcdPort}`;
  const etcdLog = path.join(dir, 'etcd.log');
  const etcd = start(binaries.etcd, [
    '--name=default',
    `--data-dir=${path.join(dir, 'etcd')}`,
    `--listen-client-urls=${etcdUrl}`,
    `--advertise-client-urls=${etcdUrl}`,
    `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
    `--initial-cluster=default=http://127.0.0.1:${peerPort}`,
    '--unsafe-no-fsync',
    '--log-level=warn',
  ], etcdLog, detached);

  const token = crypto.randomBytes(24).toString('hex');
  fs.writeFileSync(path.join(dir, 'tokens.csv'), `${token},admin,admin,system:masters\n`, { mode: 0o600 });
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(path.join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  const certDir = path.join(dir, 'certs');
  const apiLog = path.join(dir, 'kube-apiserver.log');
  // Without --tls-cert-file, kube-apiserver writes a self-signed certificate for its bind address
  // to --cert-dir (k8s.io/apiserver pkg/server/options/serving.go MaybeDefaultWithSelfSignedCerts).
  const apiserver = start(binaries.kubeApiserver, [
    `--etcd-servers=${etcdUrl}`,
    `--secure-port=${apiPort}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    '--endpoint-reconciler-type=none',
    `--cert-dir=${certDir}`,
    `--token-auth-file=${path.join(dir, 'tokens.csv')}`,
    '--service-account-issuer=https://kubernetes.default.svc',
    `--service-account-key-file=${path.join(dir, 'sa.pub')}`,
    `--service-account-signing-key-file=${path.join(dir, 'sa.key')}`,
    '--service-cluster-ip-range=10.0.0.0/24',
    '--authorization-mode=RBAC',
    '--allow-privileged=true',
    '--enable-admission-plugins=PodSecurity,ValidatingAdmissionPolicy',
    '--enable-priority-and-fairness=false',
    '--v=0',
  ], apiLog, detached);

  const url = `https://127.0.0.1:${apiPort}`;
  const pids = [apiserver.pid!, etcd.pid!];
  const died: string[] = [];
  apiserver.on('exit', (code) => died.push(`kube-apiserver exited (${code}):\n${tail(apiLog)}`));
  etcd.on('exit', (code) => died.push(`etcd exited (${code}):\n${tail(etcdLog)}`));
  const deadline = Date.now() + 120_000;
  let ca = '';
  for (;;) {
    if (died.length > 0) {
      await stopServer({ pids });
      throw new Error(`the ${version.kubernetes} test API server did not start: ${died.join('\n')}`);
    }
    if (Date.now() > deadline) {
      await stopServer({ pids });
      throw new Error(`the ${version.kubernetes} test API server was not ready in 120 s:\n${tail(apiLog)}`);
    }
    await sleep(250);
    const certFile = path.join(certDir, 'apiserver.crt');
    if (!ca && fs.existsSync(certFile)) ca = fs.readFileSync(certFile, 'utf-8');
    if (!ca) continue;
    const ready = await request({ url, token, ca }, 'GET', '/readyz').catch(() => undefined);
    if (ready?.status === 200) break;
  }
  apiserver.removeAllListeners('exit');
  etcd.removeAllListeners('exit');
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, kubeconfigYaml(url, token, path.join(certDir, 'apiserver.crt')), { mode: 0o600 });
  const endpoint = { version: version.kubernetes, url, token, ca, kubeconfig, dir, pids };
  fs.writeFileSync(path.join(dir, 'endpoint.json'), JSON.stringify(endpoint));
  return endpoint;
}

/**
 * Stops a server's processes: SIGTERM, then SIGKILL for any still there after `graceMs`
 * (kube-apiserver's graceful shutdown can take more than a minute, and nothing here needs it).
 */
export async function stopServer(endpoint: { pids: readonly number[] }, graceMs = 3000): Promise<void> {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const pid of endpoint.pids) {
    if (alive(pid)) process.kill(pid, 'SIGTERM');
  }
  const deadline = Date.now() + graceMs;
  // Waiting on the event loop lets node reap its own children (a zombie still answers signal 0).
  while (endpoint.pids.some(alive) && Date.now() < deadline) await sleep(100);
  for (const pid of endpoint.pids.filter(alive)) process.kill(pid, 'SIGKILL');
}

function kubeconfigYaml(url: string, token: string, caFile: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: test\n  cluster:\n    server: ${url}\n    certificate-authority: ${caFile}`,
    'users:',
    `- name: admin\n  user:\n    token: ${token}`,
    'contexts:',
    '- name: test\n  context:\n    cluster: test\n    user: admin',
    'current-context: test',
    '',
  ].join('\n');
}

/** An HTTP answer: status and parsed JSON body (or the text where it is not JSON). */
export interface KubeResponse {
  readonly status: number;
  readonly body: any;
  /** The texts of the response's `Warning` headers (RFC 7234 `299 - "text"`), unquoted. */
  readonly warnings: string[];
}

function warningsOf(rawHeaders: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() !== 'warning') continue;
    const m = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(rawHeaders[i + 1]);
    out.push(m ? m[1].replace(/\\(.)/g, '$1') : rawHeaders[i + 1]);
  }
  return out;
}

let agent: import('https').Agent | undefined;

/** Closes the connections kept for the requests of this process (jest waits for open sockets). */
export function closeConnections(): void {
  agent?.destroy();
  agent = undefined;
}

/** One request to the server, with the bearer token, trusting only its own certificate. */
export function request(endpoint: Pick<KubeEndpoint, 'url' | 'token' | 'ca'>, method: string, pathAndQuery: string, body?: unknown): Promise<KubeResponse> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const https = require('https') as typeof import('https');
  agent ??= new https.Agent({ keepAlive: true, maxSockets: 16 });
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = https.request(`${endpoint.url}${pathAndQuery}`, {
      method,
      agent,
      ca: endpoint.ca,
      headers: {
        Authorization: `Bearer ${endpoint.token}`,
        Accept: 'application/json',
        ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf-8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON (readyz answers "ok")
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, warnings: warningsOf(res.rawHeaders) });
      });
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
