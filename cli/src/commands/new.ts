// tana new <name>: scaffolds a contract project (contract.ts + contract.json), as in the seed.
import { Command } from '@commander-js/extra-typings';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { contractIdFor } from '@tana/engine';
import { examples } from '../options.ts';
import { UsageError } from '../output.ts';

export const newCommand = () =>
  new Command('new')
    .summary('scaffold <name>/contract.ts and contract.json')
    .description('Scaffold a contract: <name>/contract.ts and <name>/contract.json (its id is the folder name).')
    .argument('<name>', 'the folder to create (also the contract id, in lower case)')
    .addHelpText('after', examples('tana new hello', 'cd hello && tana run contract.ts && tana deploy'))
    .action((target) => {
      const dir = resolve(target);
      const id = contractIdFor(basename(dir), '');
      if (!id) throw new UsageError(`'${target}' does not make a contract id (use letters and digits)`);
      if (existsSync(join(dir, 'contract.ts')) || existsSync(join(dir, 'contract.json'))) throw new UsageError(`${dir} already has a contract; not overwriting it`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'contract.json'), `${JSON.stringify({ id, name: basename(dir), version: '0.1.0', entry: 'contract.ts', description: 'A Tana contract' }, null, 2)}\n`);
      writeFileSync(join(dir, 'contract.ts'), template(basename(dir)));
      console.log(`created ${join(dir, 'contract.ts')} and contract.json (id '${id}')`);
      console.log(`next: cd ${target} && tana run contract.ts && tana deploy`);
    });

const template = (name: string) => `// ${name}: a Tana contract. Run it: tana run contract.ts · deploy it: tana deploy
import { console } from 'tana:core'
import { data } from 'tana:data'
import { block } from 'tana:block'
import { tx } from 'tana:tx'

const visits = ((await data.get<number>('visits')) ?? 0) + 1
await data.set('visits', visits)
await data.set(\`last:\${tx.sender}\`, block.height)
await data.commit()

console.log(\`visit \${visits} by \${tx.sender} in block \${block.height}\`)
export default { visits }
`;
