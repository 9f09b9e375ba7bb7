// Jest global teardown of the server suites: stops every server the setup started.
import * as fs from 'fs';
import { KubeEndpoint, stopServer } from './server';

export default async function teardown(): Promise<void> {
  const endpoints = (globalThis as { kubeEndpoints?: KubeEndpoint[] }).kubeEndpoints ?? [];
  for (const endpoint of endpoints) {
    await stopServer(endpoint);
    fs.rmSync(endpoint.dir, { recursive: true, force: true });
  }
}
