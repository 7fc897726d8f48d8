// The requests both the Node and the Chromium suites run: every example (transpiled
// here, once) and every adversarial contract.
import { readdirSync, readFileSync } from 'node:fs';
import { buildRequest, transpile, type ExecuteRequest, type PartialContext, type State } from '@tana/engine';
import { adversarialCases } from '../fixtures/adversarial.ts';
import { isolationSequence } from '../fixtures/isolation.ts';
import { standardCases } from '../fixtures/standard.ts';

export interface NamedRequest {
  name: string;
  source?: string;
  request: ExecuteRequest;
}

const examplesDir = new URL('../../examples/', import.meta.url);

export interface Example {
  name: string;
  source: string;
  /** The example's .expect.json: the state and context it runs with, and what it must produce. */
  spec: { state?: State; context?: PartialContext; expect: Record<string, unknown> };
}

/** Every example contract that has an .expect.json beside it. */
export function examples(): Example[] {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith('.expect.json'))
    .map((file) => ({
      name: file.replace('.expect.json', '.ts'),
      source: readFileSync(new URL(file.replace('.expect.json', '.ts'), examplesDir), 'utf8'),
      spec: JSON.parse(readFileSync(new URL(file, examplesDir), 'utf8')),
    }));
}

export function exampleRequests(): NamedRequest[] {
  return examples().map(({ name, source, spec }) => ({
    name,
    source,
    request: buildRequest(transpile(source), { state: spec.state, context: spec.context }),
  }));
}

export function adversarialRequests(): NamedRequest[] {
  return adversarialCases.map((c) => ({ name: c.name, request: buildRequest(c.code, { gasLimit: c.gasLimit }) }));
}

export function standardRequests(): NamedRequest[] {
  return standardCases.map((c) => ({ name: c.name, request: buildRequest(c.code) }));
}

/** Polluters, each followed by the observer (tests/fixtures/isolation.ts): run in a row, warm. */
export function isolationRequests(): NamedRequest[] {
  return isolationSequence().map((c) => ({ name: c.name, request: buildRequest(c.code) }));
}
