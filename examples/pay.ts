// Pays the amount in the transaction's input to a recipient, through tana:tx.
import { console } from 'tana:core'
import { data } from 'tana:data'
import { block } from 'tana:block'
import { tx } from 'tana:tx'

const { to, amount } = tx.input as { to: string; amount: number }
tx.transfer({ to, amount, currency: 'USD' })

const paid = ((await data.get<number>(`paid:${tx.sender}`)) ?? 0) + amount
await data.set(`paid:${tx.sender}`, paid)
await data.commit()

console.log(`block ${block.height}: ${tx.sender} paid ${amount} USD to ${to}`)
export default { paid }
