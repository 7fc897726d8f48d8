// The benchmark's transfer contract: token balances in contract storage, moved by `transfer`.
import { data } from 'tana:data';
import { tx } from 'tana:tx';

export async function transfer(to: string, amount: number) {
  const from = tx.sender;
  const fromBalance = (await data.get<number>(`balance:${from}`)) ?? 1_000_000_000;
  if (fromBalance < amount) throw new Error('Insufficient balance');
  const toBalance = (await data.get<number>(`balance:${to}`)) ?? 0;
  await data.set(`balance:${from}`, fromBalance - amount);
  await data.set(`balance:${to}`, toBalance + amount);
  await data.commit();
  return fromBalance - amount;
}
