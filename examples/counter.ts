// The seed's counter: read, increment, commit.
import { console } from 'tana:core'
import { data } from 'tana:data'

const current = (await data.get<number>('counter')) ?? 0
const next = current + 1
await data.set('counter', next)
await data.commit()

console.log(`Counter: ${current} -> ${next}`)
