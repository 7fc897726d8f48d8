// The requests both the Node and the Chromium suites run: every example (transpiled
// here, once) and every adversarial contract.
import { readdirSync, readFileSync } from 'node:fs';
import { buildRequest, transpile, type ExecuteRequest } from '@tana/engine';
import { adversarialCases } from '../fixtures/adversarial.ts';

export interface NamedRequest {
  name: string;
  source?: string;
  request: ExecuteRequest;
}

const examplesDir = new URL('../../examples/', import.meta.url);

export function exampleRequests(): NamedRequest[] {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith('.expect.json'))
    .map((file) => {
      const spec = JSON.parse(readFileSync(new URL(file, examplesDir), 'utf8'));
      const source = readFileSync(new URL(file.replace('.expect.json', '.ts'), examplesDir), 'utf8');
      return { name: file.replace('.expect.json', '.ts'), source, request: buildRequest(transpile(source), { state: spec.state, context: spec.context }) };
    });
}

export function adversarialRequests(): NamedRequest[] {
  return adversarialCases.map((c) => ({ name: c.name, request: buildRequest(c.code, { gasLimit: c.gasLimit }) }));
}
