// tana user create|list|show and tana key export|import: ed25519 keys under ~/.config/tana/users/.
import { createPrivateKey } from 'node:crypto';
import { rawPublicKeyOf } from '@tana/ledger';
import { parseArgs } from 'node:util';
import { signTransaction } from '@tana/engine';
import { exportPrivateKey, generateKeyPair, LedgerClient, LedgerRequestError, userTransaction } from '@tana/ledger/client';
import { listUsers, loadUser, readConfig, removeUser, saveUser, writeConfig } from '../config.ts';
import { progress, UsageError } from '../output.ts';

export async function userCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { name: { type: 'string' }, ledger: { type: 'string' } } });
  const config = readConfig();
  const client = new LedgerClient(values.ledger ?? config.ledger);
  switch (action) {
    case 'create': {
      const id = positionals[0];
      if (!id) throw new UsageError('tana user create <id> [--name "Display name"]');
      progress('making an ed25519 key pair');
      const keys = await generateKeyPair();
      const chain = await client.chain();
      // The key is on disk before the id is registered: a registered id whose key was never saved could never be used again.
      const path = saveUser({ id, publicKey: keys.publicKey, privateKey: await exportPrivateKey(keys.privateKey), ledger: client.baseUrl, createdAt: new Date().toISOString() });
      progress(`registering '${id}' on ${client.baseUrl}`);
      let submitted;
      try {
        submitted = await client.submit(await signTransaction(userTransaction(chain, id, keys.publicKey, values.name), keys.privateKey));
      } catch (error) {
        // A named refusal registered nothing: the new key is useless. Anything else (the ledger unreachable
        // mid-request) may have registered it: keep the key.
        if (error instanceof LedgerRequestError && error.code !== 'Unreachable') removeUser(id);
        else progress(`kept the key at ${path}: the registration may or may not have happened (tana user show ${id})`);
        throw error;
      }
      if (!config.defaultUser) writeConfig({ ...config, defaultUser: id });
      console.log(`created user '${id}' in block ${submitted.height}; keys saved to ${path}${config.defaultUser ? '' : ' (now the default user)'}`);
      return 0;
    }
    case 'list': {
      const users = listUsers();
      if (!users.length) console.log('no local users; create one with: tana user create <id>');
      for (const user of users) console.log(`${user.id === config.defaultUser ? '*' : ' '} ${user.id}  ${user.publicKey.slice(0, 16)}…  ${user.ledger}`);
      return 0;
    }
    case 'show': {
      const id = positionals[0] ?? config.defaultUser;
      if (!id) throw new UsageError('tana user show <id>');
      const user = await client.user(id);
      console.log(`${user.id}${user.displayName ? ` (${user.displayName})` : ''} · next nonce ${user.nextNonce} · since block ${user.createdHeight}`);
      for (const balance of user.balances ?? []) console.log(`  ${balance.currency} ${balance.amount}`);
      return 0;
    }
    default:
      throw new UsageError('tana user create <id> | list | show [<id>]');
  }
}

export async function keyCommand(args: string[]): Promise<number> {
  const [action, id, secret] = args;
  if (action === 'export' && id) {
    process.stderr.write('this is the private key: whoever holds it can act as this user\n');
    console.log(loadUser(id).privateKey);
    return 0;
  }
  if (action === 'import' && id && secret) {
    let publicKey: string;
    try {
      const key = createPrivateKey({ key: Buffer.from(secret, 'hex'), format: 'der', type: 'pkcs8' });
      if (key.asymmetricKeyType !== 'ed25519') throw new Error(`a ${key.asymmetricKeyType} key`);
      publicKey = rawPublicKeyOf(key);
    } catch (error) {
      throw new UsageError(`not an ed25519 PKCS#8 private key in hex (${(error as Error).message})`);
    }
    const path = saveUser({ id, publicKey, privateKey: secret, ledger: readConfig().ledger, createdAt: new Date().toISOString() });
    console.log(`imported keys for '${id}' (${publicKey.slice(0, 16)}…) to ${path}`);
    return 0;
  }
  throw new UsageError('tana key export <id> | import <id> <pkcs8-hex>');
}
