// The seed's token contract: balances in storage, moved atomically.
import { console } from 'tana:core'
import { data } from 'tana:data'

async function transfer(from: string, to: string, amount: number) {
  const fromBalance = parseInt((await data.get(`balance:${from}`)) as string)
  const toBalance = parseInt((await data.get(`balance:${to}`)) as string)

  if (fromBalance < amount) {
    throw new Error('Insufficient balance')
  }

  await data.set(`balance:${from}`, String(fromBalance - amount))
  await data.set(`balance:${to}`, String(toBalance + amount))
  // Both balances change, or neither.
  await data.commit()

  console.log(`Transferred ${amount} from ${from} to ${to}`)
}

await data.set('balance:alice', '1000')
await data.set('balance:bob', '500')
await data.commit()

await transfer('alice', 'bob', 200)

console.log('Alice:', await data.get('balance:alice'))
console.log('Bob:', await data.get('balance:bob'))
