// The seed's fetch test: a whitelisted API, answered from a recorded response.
import { console } from 'tana:core'
import { data } from 'tana:data'
import { fetch } from 'tana:utils'

const response = await fetch('https://pokeapi.co/api/v2/pokemon/ditto')
const pokemon = await response.json<{ name: string; id: number }>()
console.log(`fetched ${pokemon.name} (#${pokemon.id}), status ${response.status}`)

await data.set('last-pokemon', pokemon.name)
await data.commit()
