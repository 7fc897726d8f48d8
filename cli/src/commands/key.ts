// tana key export|import: a user's private key (PKCS#8, hex) out of and into $TANA_HOME/users.
import { Command } from '@commander-js/extra-typings';
import { createPrivateKey } from 'node:crypto';
import { rawPublicKeyOf } from '@tana/ledger';
import { loadUser, readConfig, saveUser } from '../config.ts';
import { examples } from '../options.ts';
import { UsageError } from '../output.ts';

export const keyCommand = () =>
  new Command('key')
    .summary('export and import a user’s private key')
    .description('Move a user’s private key between machines (PKCS#8, hex): export it here, import it there.')
    .addHelpText('after', examples('tana key export alice > alice.key', 'tana key import alice "$(cat alice.key)"'))
    .addCommand(
      new Command('export')
        .summary("print a user's private key")
        .description('Print the user’s private key (whoever holds it can act as this user).')
        .argument('<id>', 'the local user')
        .addHelpText('after', examples('tana key export alice > alice.key'))
        .action((id) => {
          const { privateKey } = loadUser(id);
          process.stderr.write('this is the private key: whoever holds it can act as this user\n');
          console.log(privateKey);
        }),
    )
    .addCommand(
      new Command('import')
        .summary('keep an exported key here')
        .description('Keep an exported private key here, as this user.')
        .argument('<id>', 'the user id the key belongs to')
        .argument('<pkcs8-hex>', 'the key, as `tana key export` printed it')
        .addHelpText('after', examples('tana key import alice "$(cat alice.key)"'))
        .action((id, secret) => {
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
        }),
    );
