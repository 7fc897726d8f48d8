// Blocks: the hash chain. A block's hash is sha256 of the canonical JSON of all its other fields.
import { canonicalBytes } from '@tana/engine';
import type { BlockRow } from '../db/store.ts';
import { sha256 } from './state-tree.ts';

export const GENESIS_PARENT = '0'.repeat(64);

export function blockHash(block: Omit<BlockRow, 'hash'>): string {
  const { height, parentHash, stateRoot, timestamp, producer, txIds, engineHash } = block;
  return sha256(canonicalBytes({ height, parentHash, stateRoot, timestamp, producer, txIds, engineHash })).toString('hex');
}

export function sealBlock(block: Omit<BlockRow, 'hash'>): BlockRow {
  return { ...block, hash: blockHash(block) };
}
