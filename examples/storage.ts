// The seed's storage tests: staging, reads, glob keys, delete, atomic commit.
import { console } from 'tana:core'
import { data } from 'tana:data'

await data.set('counter', 42)
await data.set('user', { name: 'Alice', balance: 1000 })
console.log('staged counter:', await data.get('counter'))

await data.set('user:1:name', 'Bob')
await data.set('user:2:name', 'Charlie')
const userKeys = await data.keys('user:*')
console.log('user keys:', userKeys.join(', '))

await data.delete('obsolete')
await data.commit()

// Written after the last commit: discarded when the run ends.
await data.set('scratch', 'never committed')

const user = await data.get<{ name: string; balance: number }>('user')
console.log(`user ${user?.name} has ${user?.balance}`)
export default { keys: userKeys, hasScratch: await data.has('scratch') }
